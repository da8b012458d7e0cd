"""Vietnamese written text -> spoken Vietnamese (Northern reading) for the speech engines.
``normalize`` applies the operator lexicon first (whole word, case-sensitive), then the rules, in
this order: English tags dropped ("<en>Hello</en>") and foreign letters read by their base letter
("München", "Straße"), "2" for "to" ("B2B" "bi tu bi"), a letter's primes ("y''"), Roman-numbered
section heads ("II. KẾT LUẬN"), a name's two-letter or Roman-looking initial spelled ("Văn Kh.",
"Quang V."), road signs by their code ("biển P.123a"), the dot after a name's initial dropped,
web links (read as their site), bare web addresses, e-mails, paths, file names, snake_case names
and IP addresses read sign by sign ("forms.gle/xnk27", "C:\\Users", "192.168.1.1"), a top-level
domain written alone (".vn"),
formulas (``formulas``: ``<math>`` markup and maths runs with a real formula context, "8x" as "tám
ích"; ``chemistry``: formulas element by element), notations from outside prose (``notation``:
powers written as superscripts, dashed digit groups, a minus in an equation, a monarch's numeral),
registration codes ("BĐ-91234-TS"), stock tickers after a ticker word and bond codes ("cổ phiếu
VND", "NVLH2123009"), standards with their year ("QCVN 05:2023/BTNMT"), document numbers, English
digit grouping and maths ("1,299.99", "3.2e5", "10^-3", "âm -5"), quarters, road classes and
administrative units ("Q4/2025", "QL.3", "P. Bến Nghé"), an acronym in brackets after the words it
spells read as those words ("bệnh nghề nghiệp (TNLĐ-BNN)"), compounds of abbreviations read only
from an entry for the whole ("GD&ĐT", "KH-CN"; never part by part), a document type alone before
"số" ("QĐ số 12"), titles ("GS.TS."), abbreviations glued to their number ("NV1" "nguyện vọng một"),
ambiguous short abbreviations read as the sentence decides or spelled ("Công ty CP", "ĐT Việt Nam"),
known abbreviations, code identifiers in camel case split ("getUserById"; a brand such as
"VnExpress" is kept), numbers read digit by digit (phones, hotlines, cued codes, number plates),
weekdays ("T2 - T6", "thứ 2, 4, 6"), house numbers with slashes ("số nhà 12/3"), signs between and
before numbers ("3x4", "> 60", "$1.200", "25°C ~ 32°C", list markers "(ii)"), Roman numerals after
trigger words, ranges and match scores, clock times, ratios with a colon ("1:500"), slashes that are
no date (fractions "2/3", counts and ranks out of a total "thứ 4/12", seasons "2023/2024", map
scales), a slash between words ("và/hoặc": "hoặc", never "trên"), dates, month and ordinal numbers
("thứ 4", "hạng 4"), amounts with a glued "M"/"B" beside an amount word ("lương 20M"), units and
currencies after a number, units standing alone ("mỗi km"), letters beside digits ("U23", "A00"),
plain numbers, symbols, unknown all-caps words (a Vietnamese syllable in a heading is lowered,
anything else spelled with Vietnamese letter names, as is a lone capital: "độ C"), and finally
punctuation and whitespace. Rule tables live in ``app/data/normalize/``.

Sentence punctuation (. , ; : ? !) is kept so the engine pauses; brackets become commas; other
symbols are read ("&" và, "/" trên) or dropped. Whitespace, including newlines, is collapsed; a line
that ends without punctuation before a line that starts with a capital (a heading, a byline) gets a
full stop first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping

from app.speech.normalize.acronyms import (
    drop_initial_dots,
    expand_abbreviations,
    read_capitals,
    read_codes,
    read_glued_prefixes,
    read_party_acronyms,
    read_prefix_letters,
    read_titles,
)
from app.speech.normalize.ambiguous import read_ambiguous
from app.speech.normalize.chemistry import read_chemistry
from app.speech.normalize.clocks import read_times, read_trip_lengths
from app.speech.normalize.compounds import read_compounds
from app.speech.normalize.dates import read_dates, unify_date_separators
from app.speech.normalize.definitions import read_defined_acronyms
from app.speech.normalize.digits import read_digit_strings, read_zero_codes
from app.speech.normalize.documents import (
    read_document_numbers,
    read_document_types,
    read_standards,
)
from app.speech.normalize.foreign import (
    drop_english_tags,
    read_foreign_letters,
    read_primes,
    read_to_numerals,
    split_camel_case,
)
from app.speech.normalize.formulas import (
    read_formulas,
    read_generation_x,
    read_math_markup,
)
from app.speech.normalize.initials import read_initials
from app.speech.normalize.lexicon import apply_lexicon, load_lexicon
from app.speech.normalize.links import read_technical
from app.speech.normalize.maths import read_maths
from app.speech.normalize.notation import (
    read_arc_degrees,
    read_inch_marks,
    read_minute_marks,
    read_notations,
    read_race_marks,
    read_roman_headings,
)
from app.speech.normalize.operators import read_operators
from app.speech.normalize.places import read_addresses, read_places, read_weekdays
from app.speech.normalize.punctuation import (
    close_article_end,
    end_open_lines,
    read_links,
    read_symbols,
    tidy,
)
from app.speech.normalize.quantities import (
    read_basis_points,
    read_lone_units,
    read_magnitudes,
    read_numbers,
    read_ordinals,
    read_units,
    roman_to_arabic,
    split_letters_from_digits,
)
from app.speech.normalize.ranges import read_ranges, read_ratios
from app.speech.normalize.ratings import read_star_ratings
from app.speech.normalize.signs import read_sign_codes
from app.speech.normalize.slashes import read_model_slashes, read_slashes, read_word_slashes
from app.speech.normalize.tickers import read_securities_codes

__all__ = ["NORMALIZER_VERSION", "load_lexicon", "normalize"]

# Part of the audio cache key: bump whenever the output for some input changes.
NORMALIZER_VERSION = "10"

# The order matters: each rule sees what the ones before it left (see the module docstring).
_RULES: tuple[Callable[[str], str], ...] = (
    drop_english_tags,
    read_foreign_letters,
    read_to_numerals,
    read_arc_degrees,
    read_primes,
    read_race_marks,
    read_inch_marks,
    read_minute_marks,
    read_roman_headings,
    close_article_end,
    read_initials,
    read_sign_codes,
    drop_initial_dots,
    end_open_lines,
    read_links,
    read_technical,
    read_math_markup,
    read_chemistry,
    read_formulas,
    read_generation_x,
    read_notations,
    read_zero_codes,
    read_trip_lengths,
    read_star_ratings,
    read_codes,
    read_securities_codes,
    read_standards,
    read_document_numbers,
    read_maths,
    read_model_slashes,
    read_defined_acronyms,
    read_places,
    read_compounds,
    read_document_types,
    read_titles,
    read_glued_prefixes,
    read_ambiguous,
    expand_abbreviations,
    read_party_acronyms,
    split_camel_case,
    read_digit_strings,
    read_weekdays,
    read_addresses,
    read_operators,
    roman_to_arabic,
    unify_date_separators,
    read_ranges,
    read_times,
    read_ratios,
    read_slashes,
    read_word_slashes,
    read_dates,
    read_ordinals,
    read_magnitudes,
    read_basis_points,
    read_units,
    read_lone_units,
    split_letters_from_digits,
    read_numbers,
    read_prefix_letters,
    read_symbols,
    read_capitals,
    tidy,
)


def normalize(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """``text`` as the words a speech engine should say."""
    text = apply_lexicon(unicodedata.normalize("NFC", text), lexicon)
    for rule in _RULES:
        text = rule(text)
    return text
