"""Text handling before any number is read: normalisation, folding, sentences."""
