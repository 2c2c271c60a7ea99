from __future__ import annotations

from api.discovery.text import escaped_html_to_text, fix_mojibake, html_to_text
from tests.support.servers import load_fixture


class TestHtmlToText:
    def test_blocks_lists_entities_scripts_and_whitespace(self):
        # given
        markup = (
            "<div><h2>About   the role</h2>\n<p>Build&nbsp;things &amp; ship&#8212;fast.</p>"
            "<script>alert('x')</script><style>p{color:red}</style>"
            "<ul>\n <li><p>Python</p></li>\n <li>SQL <b>and</b> dbt</li>\n</ul>Line one<br>Line two</div>"
        )
        # when
        text = html_to_text(markup)
        # then
        assert text == "About the role\n\nBuild things & ship—fast.\n\n- Python\n- SQL and dbt\n\nLine one\nLine two"

    def test_truncated_markup_from_feeds(self):
        # given: cut mid-tag and mid-entity, as the recorded feeds are
        markup = '<p>Hello <strong>world</strong></p><p class="x" style="padding: 3'
        # when / then
        assert html_to_text(markup) == "Hello world"
        assert html_to_text("<p>Fish &amp; chips&nbs") == "Fish & chips"

    def test_drop_chrome_removes_navigation_and_footers(self):
        # given
        page = "<nav>Home | Jobs</nav><main><h1>Engineer</h1><p>Do work.</p></main><footer>© Co</footer>"
        # when / then
        assert html_to_text(page, drop_chrome=True) == "Engineer\n\nDo work."
        assert "Home | Jobs" in html_to_text(page)

    def test_empty_input(self):
        # given / when / then
        assert html_to_text(None) == "" and html_to_text("") == ""


class TestEscapedHtmlToText:
    def test_greenhouse_content_is_unescaped_then_converted(self):
        # given: the recorded Greenhouse content (entity-escaped HTML)
        content = load_fixture("job-boards/greenhouse/hunt_vercel_jobs_content.json")["jobs"][1]["content"]
        # when
        text = escaped_html_to_text(content)
        # then
        assert content.startswith("&lt;div class=&quot;content-intro&quot;&gt;&lt;h2&gt;About Vercel:")
        assert text.startswith(
            "About Vercel:\n\nVercel is the agentic infrastructure company, freeing people and agents to ship what's next."
        )
        assert "<" not in text and "&" not in text


class TestFixMojibake:
    def test_repairs_utf8_read_as_latin1_including_soft_hyphen_bytes(self):
        # given: the recorded RemoteOK title/description (Ã­ is C3 AD = í)
        job = load_fixture("job-boards/remoteok/hunt_api.json")[2]
        # when / then
        assert fix_mojibake(job["position"]) == "Mecánico Automotriz Diagnóstico y Presupuestos"
        assert "reparación de vehículos multimarca" in fix_mojibake(job["description"])

    def test_leaves_clean_and_truncated_text_alone(self):
        # given / when / then
        assert fix_mojibake("Café in Zürich — naïve") == "Café in Zürich — naïve"
        assert fix_mojibake("cut at vehÃ") == "cut at vehÃ"
        assert fix_mojibake("") == ""
