"""Layer 2 — text: normalisation, traditional→simplified, segmentation, the gazetteer and taxonomy
lexicons, search terms."""
