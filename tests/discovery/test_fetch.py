from __future__ import annotations

import ipaddress
import time

import pytest

from api.discovery.fetch import FetchError, fetch_page, forbidden_reason, parse_ip_literal, vet_url
from tests.support.servers import Reply

PAGE = "<html><head><title>Job</title></head><body><h1>Backend Engineer</h1></body></html>"


def html_reply(body: str = PAGE, **kw) -> Reply:
    kw.setdefault("content_type", "text/html; charset=utf-8")
    return Reply(200, body, **kw)


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, b"", {"Location": location})


class TestParseIpLiteral:
    @pytest.mark.parametrize(
        "host, expected",
        [
            ("2130706433", "127.0.0.1"),  # decimal
            ("0x7f.0.0.1", "127.0.0.1"),  # hex first octet
            ("0x7f000001", "127.0.0.1"),  # hex whole
            ("0177.0.0.1", "127.0.0.1"),  # octal
            ("017700000001", "127.0.0.1"),  # octal whole
            ("127.1", "127.0.0.1"),  # short form
            ("10.1", "10.0.0.1"),
            ("0", "0.0.0.0"),
            ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
            ("93.184.215.14", "93.184.215.14"),
        ],
    )
    def test_numeric_spellings_decode_like_inet_aton(self, host, expected):
        # given / when
        ip = parse_ip_literal(host)
        # then
        assert ip == ipaddress.ip_address(expected)

    def test_names_are_not_addresses_and_bad_numbers_are_invalid(self):
        # given / when / then
        assert parse_ip_literal("example.com") is None
        assert parse_ip_literal("cafe.de") is None
        for bad in ("256.1.1.1", "08.1.1.1", "1.2.3.4.5", "0x1.0x100.0.0"):
            with pytest.raises(FetchError) as err:
                parse_ip_literal(bad)
            assert err.value.code == "INVALID_URL"


class TestForbiddenReason:
    @pytest.mark.parametrize(
        "address, reason",
        [
            ("127.0.0.1", "loopback"),
            ("10.0.0.8", "private"),
            ("172.16.5.4", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "link-local"),
            ("100.64.0.1", "shared address space (CGNAT)"),
            ("0.0.0.0", "unspecified"),
            ("224.0.0.251", "multicast"),
            ("240.0.0.1", "reserved"),
            ("255.255.255.255", "reserved"),
            ("192.0.2.10", "non-global"),  # TEST-NET-1
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fe80::1", "link-local"),
            ("fd12:3456::1", "private"),
            ("fec0::1", "site-local"),
            ("ff02::1", "multicast"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:169.254.169.254", "link-local"),
            ("::127.0.0.1", "loopback"),
            ("::10.0.0.1", "private"),
            ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of the metadata address
            ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
            ("::8.8.8.8", "ipv4-compatible"),  # deprecated form, refused whatever it embeds
        ],
    )
    def test_non_public_addresses(self, address, reason):
        # given
        ip = ipaddress.ip_address(address)
        # when / then
        assert forbidden_reason(ip) == reason

    @pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
    def test_public_addresses(self, address):
        # given / when / then
        assert forbidden_reason(ipaddress.ip_address(address)) is None


def resolver_for(mapping: dict[str, list[str]], calls: list[str] | None = None):
    async def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        return list(mapping[host])

    return resolve


class TestVetUrl:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1/",
            "http://localhost:8080/",
            "http://2130706433/",
            "http://0x7f.0.0.1/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[::127.0.0.1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1%25eth0]/",
            "http://10.1.2.3/",
            "http://172.31.255.255/",
            "https://192.168.0.1/",
            "http://100.64.12.7/",
            "http://0.0.0.0/",
            "http://[::]/",
            "http://224.0.0.1/",
            "http://[fd00::1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
        ],
    )
    async def test_forbidden_address_forms_are_rejected_without_network(self, url):
        # given: a resolver that must not be needed for literal addresses
        async def no_dns(host: str, port: int) -> list[str]:
            raise AssertionError("resolver called for a literal address")

        # when
        with pytest.raises(FetchError) as err:
            await vet_url(url, resolver=no_dns)
        # then
        assert err.value.code == "FORBIDDEN_ADDRESS"

    async def test_hostnames_are_checked_on_every_resolved_address(self):
        # given
        resolve = resolver_for(
            {
                "intranet.example": ["10.0.0.5"],
                "mixed.example": ["93.184.215.14", "127.0.0.1"],
                "public.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
            }
        )
        # when
        for host in ("intranet.example", "mixed.example"):
            with pytest.raises(FetchError) as err:
                await vet_url(f"https://{host}/jobs/1", resolver=resolve)
            assert err.value.code == "FORBIDDEN_ADDRESS"
        target = await vet_url("https://public.example/jobs/1?x=1", resolver=resolve)
        # then
        assert (target.host, target.port, target.ip, target.path) == (
            "public.example",
            443,
            "93.184.215.14",
            "/jobs/1?x=1",
        )

    @pytest.mark.parametrize(
        "url",
        [
            "ftp://example.com/job",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://user:pw@example.com/",
            "http:///nohost",
            "http://256.0.0.1/",
            "http://example.com:99999/",
        ],
    )
    async def test_invalid_urls(self, url):
        # given / when
        with pytest.raises(FetchError) as err:
            await vet_url(url, resolver=resolver_for({"example.com": ["93.184.215.14"]}))
        # then
        assert err.value.code == "INVALID_URL"

    async def test_allow_private_never_opens_metadata_or_link_local(self):
        # given / when
        loopback = await vet_url("http://127.0.0.1:8000/", allow_private=True)
        private = await vet_url("http://10.0.0.2/", allow_private=True)
        # then
        assert (loopback.ip, private.ip) == ("127.0.0.1", "10.0.0.2")
        for url in (
            "http://169.254.169.254/",
            "http://[::ffff:169.254.169.254]/",
            "http://0.0.0.0/",
            "http://100.64.0.1/",
        ):
            with pytest.raises(FetchError) as err:
                await vet_url(url, allow_private=True)
            assert err.value.code == "FORBIDDEN_ADDRESS"

    async def test_allowed_addresses_exempt_one_port_only(self):
        # given
        allowed = ["127.0.0.1:8123"]
        # when
        target = await vet_url("http://127.0.0.1:8123/x", allowed_addresses=allowed)
        # then
        assert target.ip == "127.0.0.1"
        with pytest.raises(FetchError) as err:
            await vet_url("http://127.0.0.1:8124/x", allowed_addresses=allowed)
        assert err.value.code == "FORBIDDEN_ADDRESS"


class TestFetchPage:
    async def test_fetches_an_allowed_local_page(self, server):
        # given
        server.route("/job", html_reply())
        # when
        page = await fetch_page(server.base + "/job", allowed_addresses=[f"127.0.0.1:{server.port}"])
        # then
        assert page.status == 200
        assert page.text == PAGE
        assert (page.final_url, page.content_type, page.encoding) == (server.base + "/job", "text/html", "utf-8")

    async def test_connects_to_the_pinned_address_with_the_original_host_header(self, server):
        # given: a name only our resolver knows; a second lookup would rebind it to the metadata IP
        answers = [["127.0.0.1"], ["169.254.169.254"]]
        calls: list[str] = []

        async def rebinding(host: str, port: int) -> list[str]:
            calls.append(host)
            return answers[min(len(calls) - 1, 1)]

        server.route("/job", html_reply())
        # when
        page = await fetch_page(
            f"http://jobs.example.test:{server.port}/job",
            resolver=rebinding,
            allowed_addresses=[f"127.0.0.1:{server.port}"],
        )
        # then
        assert page.address == "127.0.0.1"
        assert calls == ["jobs.example.test"]  # resolved once, then pinned
        assert server.hits("/job")[0].headers["Host"] == f"jobs.example.test:{server.port}"

    async def test_redirect_to_an_address_outside_the_exemption_is_rejected(self, server, other_server):
        # given: only the first server is exempt; it redirects to another local server
        other_server.route("/secret", html_reply("<html>internal admin</html>"))
        server.route("/job", redirect(f"{other_server.base}/secret"))
        # when
        with pytest.raises(FetchError) as err:
            await fetch_page(server.base + "/job", allowed_addresses=[f"127.0.0.1:{server.port}"])
        # then
        assert err.value.code == "FORBIDDEN_ADDRESS"
        assert len(server.hits("/job")) == 1
        assert other_server.hits("/secret") == []  # never connected

    async def test_redirect_to_metadata_is_rejected_even_with_allow_private(self, server):
        # given
        server.route("/job", redirect("http://169.254.169.254/latest/meta-data/iam/"))
        server.route("/job2", redirect("http://2852039166/latest/meta-data/", 307))  # decimal 169.254.169.254
        # when / then
        for path in ("/job", "/job2"):
            with pytest.raises(FetchError) as err:
                await fetch_page(server.base + path, allow_private=True)
            assert err.value.code == "FORBIDDEN_ADDRESS"
            assert "169.254.169.254" in err.value.message

    async def test_redirect_to_a_name_resolving_privately_is_rejected(self, server):
        # given
        server.route("/job", redirect("http://intranet.example/jobs"))
        resolve = resolver_for({"intranet.example": ["10.20.30.40"]})
        # when
        with pytest.raises(FetchError) as err:
            await fetch_page(server.base + "/job", resolver=resolve, allowed_addresses=[f"127.0.0.1:{server.port}"])
        # then
        assert err.value.code == "FORBIDDEN_ADDRESS"
        assert "10.20.30.40" in err.value.message

    async def test_follows_up_to_three_redirects_and_no_more(self, server):
        # given: /r1 → /r2 → /r3 → /page, and /s1 → … → /s4 → /page (relative locations)
        server.route("/r1", redirect("/r2", 301))
        server.route("/r2", redirect("/r3", 308))
        server.route("/r3", redirect("/page", 303))
        for i in range(1, 5):
            server.route(f"/s{i}", redirect(f"/s{i + 1}" if i < 4 else "/page"))
        server.route("/page", html_reply())
        allowed = [f"127.0.0.1:{server.port}"]
        # when
        page = await fetch_page(server.base + "/r1", allowed_addresses=allowed)
        with pytest.raises(FetchError) as err:
            await fetch_page(server.base + "/s1", allowed_addresses=allowed)
        # then
        assert page.final_url == server.base + "/page"
        assert page.redirects == [server.base + "/r2", server.base + "/r3", server.base + "/page"]
        assert err.value.code == "TOO_MANY_REDIRECTS"
        assert len(server.hits("/s4")) == 1  # the third redirect was followed …
        assert len(server.hits("/page")) == 1  # … the fourth was not (only /r1's chain reached /page)

    async def test_size_cap_with_and_without_content_length(self, server):
        # given
        big = "<html>" + "x" * 5000 + "</html>"
        server.route("/declared", html_reply(big))
        server.route("/streamed", html_reply(big, omit_length=True, chunks=10))
        server.route("/small", html_reply("<html>ok</html>", omit_length=True))
        allowed = [f"127.0.0.1:{server.port}"]
        # when / then
        for path in ("/declared", "/streamed"):
            with pytest.raises(FetchError) as err:
                await fetch_page(server.base + path, allowed_addresses=allowed, max_bytes=1000)
            assert err.value.code == "TOO_LARGE"
        assert (await fetch_page(server.base + "/small", allowed_addresses=allowed, max_bytes=1000)).text == "<html>ok</html>"

    async def test_total_time_cap_covers_a_trickling_body(self, server):
        # given: headers at once, then 20 chunks 0.1 s apart (2 s in all)
        server.route("/slow", html_reply("<html>" + "y" * 2000 + "</html>", chunks=20, chunk_delay=0.1))
        # when
        started = time.monotonic()
        with pytest.raises(FetchError) as err:
            await fetch_page(server.base + "/slow", allowed_addresses=[f"127.0.0.1:{server.port}"], timeout=0.4)
        # then
        assert err.value.code == "TIMEOUT"
        assert time.monotonic() - started < 1.2

    async def test_http_errors_and_non_html_content(self, server):
        # given
        server.route("/gone", Reply(410, b"gone"))
        server.route("/pdf", Reply(200, b"%PDF-1.7", content_type="application/pdf"))
        server.route("/latin1", Reply(200, "<html>Café</html>".encode("latin-1"), content_type="text/html; charset=ISO-8859-1"))
        allowed = [f"127.0.0.1:{server.port}"]
        # when
        with pytest.raises(FetchError) as gone:
            await fetch_page(server.base + "/gone", allowed_addresses=allowed)
        with pytest.raises(FetchError) as pdf:
            await fetch_page(server.base + "/pdf", allowed_addresses=allowed)
        latin1 = await fetch_page(server.base + "/latin1", allowed_addresses=allowed)
        # then
        assert (gone.value.code, gone.value.message) == ("HTTP_ERROR", f"HTTP 410 from {server.base}/gone")
        assert pdf.value.code == "UNSUPPORTED_CONTENT_TYPE"
        assert latin1.text == "<html>Café</html>"

    async def test_local_server_is_forbidden_by_default(self, server):
        # given
        server.route("/job", html_reply())
        # when
        with pytest.raises(FetchError) as err:
            await fetch_page(server.base + "/job")
        # then
        assert err.value.code == "FORBIDDEN_ADDRESS"
        assert server.hits("/job") == []


def _self_signed(hostname: str) -> tuple[bytes, bytes]:
    """(cert PEM, key PEM) for ``hostname``, made on the fly."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(hostname)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return (
        cert.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 whose certificate names jobs.example.test."""
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    cert_pem, key_pem = _self_signed("jobs.example.test")
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert_pem)
    (folder / "key.pem").write_bytes(key_pem)
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            seen.append({"host": self.headers["Host"]})
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], cert_pem, seen
    httpd.shutdown()
    httpd.server_close()


class TestFetchPageTls:
    async def test_pinned_ip_keeps_sni_and_certificate_name(self, tls_server):
        # given: the name resolves (via our resolver) to 127.0.0.1; only our CA is trusted
        import ssl

        import httpx

        port, cert_pem, seen = tls_server
        trust = ssl.create_default_context(cadata=cert_pem.decode())
        resolve = resolver_for({"jobs.example.test": ["127.0.0.1"], "other.example.test": ["127.0.0.1"]})
        allowed = [f"127.0.0.1:{port}"]
        # when
        page = await fetch_page(
            f"https://jobs.example.test:{port}/job",
            resolver=resolve,
            allowed_addresses=allowed,
            transport=httpx.AsyncHTTPTransport(verify=trust),
        )
        with pytest.raises(FetchError) as wrong_name:
            await fetch_page(
                f"https://other.example.test:{port}/job",
                resolver=resolve,
                allowed_addresses=allowed,
                transport=httpx.AsyncHTTPTransport(verify=trust),
            )
        # then: the certificate was checked against the real host name, not the IP
        assert page.text == PAGE and page.address == "127.0.0.1"
        assert seen[0]["host"] == f"jobs.example.test:{port}"
        assert wrong_name.value.code == "CONNECTION_FAILED"
