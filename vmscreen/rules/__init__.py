"""Pure rules over text and numbers: card numbers and their issuers, SSNs and IBANs, machine-
readable zones, identity-document wording, place names, rights holders, offensive words, and
the identifiability of a measured face. No I/O and no models: each is a function of its inputs.
"""
