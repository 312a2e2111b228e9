"""The one maintained list of picture agencies: stock libraries, news agencies and picture
desks, and the marketplaces that stamp their listings. The rights-metadata rule
(``rights_holders``) looks for them in rights fields, the watermark rule (``watermark_text``)
in text read from the pixels; a name added here is found by both.
"""

from __future__ import annotations

# Stock libraries, news agencies and picture desks whose names appear in rights fields and in
# the marks they print over their previews.
AGENCIES: tuple[str, ...] = (
    "Getty Images", "iStock", "iStockphoto", "Shutterstock", "Adobe Stock", "Fotolia", "Alamy",
    "Reuters", "Associated Press", "AP Photo", "AFP", "Agence France-Presse", "EPA", "EPA-EFE",
    "Dreamstime", "123RF", "Depositphotos", "Corbis", "Pond5", "Bigstock", "Stocksy",
    "Masterfile", "Westend61", "EyeEm", "SuperStock", "Science Photo Library", "Magnum Photos",
    "NurPhoto", "SOPA Images", "ZUMA Press", "ZUMA Wire", "Rex Features", "REX/Shutterstock",
    "Gamma-Rapho", "Sipa", "PA Images", "PA Wire", "Press Association", "dpa", "picture alliance",
    "Imago", "WireImage", "FilmMagic", "Bloomberg", "Xinhua", "Kyodo", "Yonhap", "TASS",
    "Anadolu", "Agencia EFE", "ANP", "AAP", "Keystone", "Belga", "Ritzau", "NTB", "Pexels",
    "Unsplash", "Pixabay", "Photononstop", "Panthermedia", "Mauritius Images", "Ullstein Bild",
    "Bridgeman Images", "Everett Collection", "Granger", "Mary Evans", "age fotostock",
    "Image Source", "Tetra Images", "Cultura", "Blend Images", "Caiaimage", "Offset",
    "Dollar Photo Club", "Canva", "Freepik", "Vecteezy", "Envato", "Storyblocks", "Pixta",
)

# Classifieds and marketplaces that stamp the photos of their listings (a photo taken from a
# listing is not the contributor's). Only the watermark rule looks for these: they are not
# rights holders in metadata.
MARKETPLACES: tuple[str, ...] = (
    "Chợ Tốt", "Chotot", "Craigslist", "OLX", "Avito", "Mercari", "Leboncoin", "Gumtree",
    "Kijiji", "Autotrader", "Carousell", "Xianyu",
)

# Short acronyms and common words, matched only as written (in capitals, or the agency's own
# spelling), so "ap" inside a caption is not Associated Press and "offset" not the agency.
CASE_SENSITIVE: frozenset[str] = frozenset(
    {"AFP", "EPA", "ANP", "AAP", "NTB", "TASS", "dpa", "Sipa", "Offset", "Cultura", "OLX"})
