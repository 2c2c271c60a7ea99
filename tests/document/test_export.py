from __future__ import annotations

import io

import docx
import pdfplumber
import pytest

from api.document.export import (
    ExportDocument,
    export_document,
    find_unicode_font,
    parse_blocks,
    to_docx,
    to_markdown,
    to_pdf,
    transliterate,
)

DOC = ExportDocument(
    title="Cover letter for Acme",
    author="Zoë Łukasiewicz",
    body=(
        "Dear Acme team,\n\n"
        "I am **very** excited about the *Senior Engineer* role in Kraków.\n\n"
        "## Highlights\n"
        "- Built Python services for 2M users\n"
        "- Привет from the Kyiv office — Ελληνικά too\n"
        "1. First point\n"
        "2. Second point\n\n"
        "Best regards,\nZoë Łukasiewicz"
    ),
)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


class TestParseBlocks:
    def test_blocks(self):
        # given
        blocks = parse_blocks(DOC.body)
        # when / then
        assert [b.kind for b in blocks] == ["p", "p", "h2", "bullet", "bullet", "number", "number", "p"]
        assert blocks[-1].text == "Best regards,\nZoë Łukasiewicz"


class TestToMarkdown:
    def test_title_added_once(self):
        # when
        md = to_markdown(DOC)
        again = to_markdown(ExportDocument(title=DOC.title, body=md))
        # then
        assert md.startswith("# Cover letter for Acme\n\nDear Acme team,")
        assert "**very**" in md and md.endswith("Zoë Łukasiewicz\n")
        assert again == md


class TestToPdf:
    def test_unicode_font_keeps_non_latin_text(self):
        # given a DejaVu font on this machine
        if find_unicode_font() is None:
            pytest.skip("no DejaVuSans.ttf available")
        # when
        data = to_pdf(DOC)
        text = pdf_text(data)
        # then
        assert data.startswith(b"%PDF")
        assert "Cover letter for Acme" in text
        assert "I am very excited about the Senior Engineer role in Kraków." in text
        assert "Привет from the Kyiv office — Ελληνικά too" in text
        assert "Zoë Łukasiewicz" in text

    def test_core_font_transliterates_instead_of_failing(self):
        # when
        data = to_pdf(DOC, unicode_font=False)
        text = pdf_text(data)
        # then
        assert data.startswith(b"%PDF")
        assert "Privet from the Kyiv office - Ellinika too" in text
        assert "Zoë Lukasiewicz" in text and "Kraków" in text
        assert "1. First point" in text

    def test_missing_font_path_falls_back(self, tmp_path):
        # given
        data = to_pdf(DOC, font_path=tmp_path / "nope.ttf", unicode_font=False)
        # when / then
        assert "Cover letter for Acme" in pdf_text(data)


class TestTransliterate:
    @pytest.mark.parametrize(
        "src,out",
        [
            ("Łódź", "Lódz"),
            ("Straße", "Straße"),
            ("“quoted” – dash…", '"quoted" - dash...'),
            ("Привет", "Privet"),
            ("東京", "??"),
            ("€5", "EUR5"),
        ],
    )
    def test_examples(self, src: str, out: str):
        # when / then
        assert transliterate(src) == out


class TestToDocx:
    def test_docx_is_readable_with_structure(self):
        # when
        d = docx.Document(io.BytesIO(to_docx(DOC)))
        paras = [(p.style.name, p.text) for p in d.paragraphs]
        # then
        assert paras[0] == ("Title", "Cover letter for Acme")
        assert ("Heading 2", "Highlights") in paras
        assert ("List Bullet", "Привет from the Kyiv office — Ελληνικά too") in paras
        assert ("List Number", "Second point") in paras
        bold = [r.text for p in d.paragraphs for r in p.runs if r.bold]
        assert bold == ["very"]
        assert d.core_properties.author == "Zoë Łukasiewicz"

    def test_control_characters_do_not_break_docx(self):
        # given
        d = docx.Document(io.BytesIO(to_docx(ExportDocument(title="T", body="bad\x00\x07 text"))))
        # when / then
        assert d.paragraphs[1].text == "bad text"


class TestExportDocument:
    @pytest.mark.parametrize(
        "fmt,mime,ext",
        [
            ("md", "text/markdown", ".md"),
            ("pdf", "application/pdf", ".pdf"),
            ("docx", "application/vnd.openxmlformats", ".docx"),
        ],
    )
    def test_dispatch(self, fmt: str, mime: str, ext: str):
        # given
        content, mime_type, filename = export_document(DOC, fmt)
        # when / then
        assert content and mime_type.startswith(mime)
        assert filename == "cover-letter-for-acme" + ext

    def test_unknown_format(self):
        # when / then
        with pytest.raises(ValueError):
            export_document(DOC, "odt")
