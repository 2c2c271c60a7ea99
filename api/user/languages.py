"""Spoken languages of the profile (pure): their names in the languages résumés are written in,
and the words people use for how well they speak one, mapped to `LanguageLevel`.

`canonical_language("Deutsch") == "German"`; `level_of("fluent") == LanguageLevel.C1`.
"""

from __future__ import annotations

import re

from api.vocabulary import LanguageLevel

# English name -> other names (the language's own, and in German, Spanish, French, Dutch, Portuguese)
_NAMES: dict[str, tuple[str, ...]] = {
    "English": ("englisch", "inglés", "ingles", "anglais", "engels", "inglês"),
    "German": ("deutsch", "alemán", "aleman", "allemand", "duits", "alemão", "alemao"),
    "French": ("französisch", "francés", "frances", "français", "francais", "frans", "francês"),
    "Spanish": ("spanisch", "español", "espanol", "castellano", "espagnol", "spaans", "espanhol"),
    "Dutch": ("niederländisch", "holländisch", "neerlandés", "néerlandais", "nederlands", "holandês", "flemish"),
    "Portuguese": ("portugiesisch", "portugués", "portugais", "portugees", "português", "portugues"),
    "Italian": ("italienisch", "italiano", "italien", "italiaans"),
    "Polish": ("polnisch", "polaco", "polonais", "pools", "polski", "polonês"),
    "Swedish": ("schwedisch", "sueco", "suédois", "zweeds", "svenska"),
    "Danish": ("dänisch", "danés", "danois", "deens", "dansk"),
    "Norwegian": ("norwegisch", "noruego", "norvégien", "noors", "norsk"),
    "Finnish": ("finnisch", "finlandés", "finnois", "fins", "suomi"),
    "Russian": ("russisch", "ruso", "russe", "русский"),
    "Ukrainian": ("ukrainisch", "ucraniano", "ukrainien", "oekraïens", "українська"),
    "Czech": ("tschechisch", "checo", "tchèque", "tsjechisch", "čeština"),
    "Greek": ("griechisch", "griego", "grec", "grieks", "ελληνικά"),
    "Turkish": ("türkisch", "turco", "turc", "turks", "türkçe"),
    "Arabic": ("arabisch", "árabe", "arabe", "العربية"),
    "Hebrew": ("hebräisch", "hebreo", "hébreu", "hebreeuws"),
    "Hindi": ("हिन्दी",),
    "Bengali": ("bengalisch", "bengalí", "bangla"),
    "Urdu": (),
    "Chinese": ("chinesisch", "chino", "chinois", "chinees", "mandarin", "mandarin chinese", "cantonese", "中文"),
    "Japanese": ("japanisch", "japonés", "japonais", "japans", "日本語"),
    "Korean": ("koreanisch", "coreano", "coréen", "koreaans", "한국어"),
    "Vietnamese": ("vietnamesisch", "vietnamita", "vietnamien", "vietnamees"),
    "Thai": ("thailändisch", "tailandés", "thaï"),
    "Indonesian": ("indonesisch", "indonesio", "indonésien", "bahasa indonesia"),
    "Romanian": ("rumänisch", "rumano", "roumain", "roemeens", "română"),
    "Hungarian": ("ungarisch", "húngaro", "hongrois", "hongaars", "magyar"),
    "Catalan": ("katalanisch", "catalán", "català"),
    "Croatian": ("kroatisch", "croata", "croate", "hrvatski"),
    "Serbian": ("serbisch", "serbio", "serbe", "srpski"),
    "Bulgarian": ("bulgarisch", "búlgaro", "bulgare"),
    "Slovak": ("slowakisch", "eslovaco", "slovaque", "slovenčina"),
    "Persian": ("persisch", "persa", "persan", "farsi"),
    "Swahili": ("suaheli", "suajili", "kiswahili"),
    "Tagalog": ("filipino",),
}
_LOOKUP = {alias: name for name, aliases in _NAMES.items() for alias in (name.lower(), *aliases)}
LANGUAGE_NAME_RX = "|".join(sorted((re.escape(a) for a in _LOOKUP), key=len, reverse=True))

# words for a level, longest first when matched; CEFR codes are read as they are
_LEVEL_WORDS: dict[LanguageLevel, tuple[str, ...]] = {
    LanguageLevel.NATIVE: (
        "native",
        "native speaker",
        "mother tongue",
        "first language",
        "bilingual",
        "muttersprache",
        "muttersprachlich",
        "nativo",
        "nativa",
        "lengua materna",
        "langue maternelle",
        "maternelle",
        "moedertaal",
        "língua materna",
    ),
    LanguageLevel.C2: ("proficient", "full professional", "full professional proficiency", "near native", "near-native"),
    LanguageLevel.C1: (
        "fluent",
        "fluently",
        "advanced",
        "professional working",
        "professional working proficiency",
        "professional",
        "business fluent",
        "business",
        "fließend",
        "fliessend",
        "verhandlungssicher",
        "sehr gut",
        "sehr gute kenntnisse",
        "fluido",
        "fluida",
        "avanzado",
        "courant",
        "avancé",
        "vloeiend",
        "fluente",
        "avançado",
    ),
    LanguageLevel.B2: ("upper intermediate", "upper-intermediate", "gut", "gute kenntnisse", "good", "very good"),
    LanguageLevel.B1: (
        "intermediate",
        "conversational",
        "limited working",
        "working knowledge",
        "intermedio",
        "intermédiaire",
        "intermediário",
    ),
    LanguageLevel.A2: (
        "basic",
        "elementary",
        "grundkenntnisse",
        "basic knowledge",
        "básico",
        "basico",
        "notions",
        "basis",
        "elementar",
    ),
    LanguageLevel.A1: ("beginner", "anfänger", "principiante", "débutant", "débutante", "beginner level"),
}
_LEVEL_LOOKUP = {word: level for level, words in _LEVEL_WORDS.items() for word in words}
_CEFR = re.compile(r"\b([ABC][12])\b", re.I)

LEVEL_RANK = {level: rank for rank, level in enumerate(LanguageLevel)}
WORKING_LEVEL = LanguageLevel.B2  # from here on a language counts as spoken well enough for work ("fluent German")


def canonical_language(name: str) -> str:
    """The English name of a known language (any of its names, any case); otherwise the name as
    written, trimmed, with its first letter capitalised."""
    cleaned = re.sub(r"\s+", " ", name).strip()
    known = _LOOKUP.get(cleaned.lower())
    if known:
        return known
    return cleaned[:1].upper() + cleaned[1:]


def known_language(name: str) -> str | None:
    return _LOOKUP.get(re.sub(r"\s+", " ", name).strip().lower())


def level_of(text: str) -> LanguageLevel | None:
    """The level a phrase names ("B2", "fluent", "Muttersprache", "C1 – advanced"), or None."""
    code = _CEFR.search(text)
    if code:
        return LanguageLevel(code.group(1).lower())
    words = re.sub(r"[^\w\s-]", " ", text.lower())
    words = re.sub(r"\s+", " ", words).strip()
    best: LanguageLevel | None = None
    best_len = 0
    for word, level in _LEVEL_LOOKUP.items():
        if len(word) > best_len and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", words):
            best, best_len = level, len(word)
    return best


def speaks_for_work(level: str) -> bool:
    return LEVEL_RANK.get(LanguageLevel(level), 0) >= LEVEL_RANK[WORKING_LEVEL]
