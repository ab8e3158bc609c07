"""Reading numbers: digits, number words, fractions, ranges and qualifiers as intervals."""
