"""Fractions written as one character: "½", "¾", "⅔" (Unicode's vulgar fractions).

NFC keeps them whole, so the digit pattern never sees them; the reader reads them where it reads
"half" (claims/numbers/word_reading.py; the lexicon counts them among the words that open a
number) and after digits ("2½", claims/numbers/digit_spans.py).
"""

from __future__ import annotations

import unicodedata

# ¼ ½ ¾ and ⅐ to ⅞; U+215F ("⅟", a numerator one waiting for its denominator) has no value of its own.
FRACTION_SIGNS = "\u00bc\u00bd\u00be" + "".join(chr(code) for code in range(0x2150, 0x215F))
# For patterns: the same characters as a class.
FRACTION_SIGN_CLASS = "[\u00bc-\u00be\u2150-\u215e]"


def fraction_sign_value(sign: str) -> float:
    return float(unicodedata.numeric(sign))
