"""Phones (E.164 via libphonenumber) and e-mails, with near misses that must NOT match."""

import pytest

from cuidado.detectors import TextScanner

SCANNER = TextScanner()


def values(text, kind, **kw):
    return [m.value for m in SCANNER.scan(text, **kw) if m.kind == kind]


@pytest.mark.parametrize(
    "text, e164, kw",
    [
        ("Call me at (713) 482-9921", "+17134829921", {}),
        ("hmu 713.482.9921 after my shift", "+17134829921", {}),
        ("new phone who dis 2143097755", "+12143097755", {}),
        ("Llámame al +52 55 1234 5678", "+525512345678", {}),
        ("Whats: +502 4123 4567", "+50241234567", {}),
        ("marcame al 0034 612 34 56 78", "+34612345678", {}),  # 00 international prefix
        ("Me chama no zap: +55 21 98765-4321", "+5521987654321", {}),
        ("Call 713-482-9921 2 times", "+17134829921", {}),  # glued to another number
        ("wa.me/50370123456", "+50370123456", {}),  # WhatsApp link
        ("55 1234 5678", "+525512345678", {"region": "MX"}),  # national format, region given
        ("Appelle-moi au 06 12 34 56 78", "+33612345678", {"lang": "fr"}),
        ("Meu número: (11) 91234-5678", "+5511912345678", {"lang": "pt"}),
        ("رقمي ٠١٠٠١٢٣٤٥٦٧", "+201001234567", {"lang": "ar"}),  # Arabic-Indic digits
    ],
)
def test_phone_found(text, e164, kw):
    assert values(text, "identity.phone", **kw) == [e164]


@pytest.mark.parametrize(
    "text",
    [
        "Order #4155552671 has shipped",  # order number shaped like a phone
        "Mi pedido 7211017326 no ha llegado",
        "Tracking: 9400 1000 0000 0000 0000 00",
        "Factura 0034567891 pagada",
        "Nos vemos el 15/03/2023",  # date
        "Call of Duty season 2 drops 05.14.2024",  # dotted date
        "Scored 1,234,567 points",
        "ISBN 978-0-306-40615-7",
        "his number is 555-1234",  # seven digits, no area code
        "Ganamos 3-1, 2-0 y 4-2",
        "Appelle-moi au 06 12 34 56 78",  # French national format, but region US and no lang
        "Version 2.1.4 is out",
        "https://example.com/p/7134829921",  # digits inside a link
        "@jgarcia7134829921",  # digits inside a handle
    ],
)
def test_near_miss_is_not_a_phone(text):
    assert values(text, "identity.phone") == []


def test_phone_confidence_rises_with_a_phone_word():
    bare = SCANNER.scan("7134829921")[0]
    worded = SCANNER.scan("llámame 7134829921")[0]
    assert worded.confidence > bare.confidence


@pytest.mark.parametrize(
    "text, email",
    [
        ("email me at Juan.Perez@Gmail.com", "juan.perez@gmail.com"),
        ("Contact: maria.gonzalez+news@outlook.com.", "maria.gonzalez+news@outlook.com"),
        ("rh.empleos@empresa.com.mx", "rh.empleos@empresa.com.mx"),
        ("correo: lupita.r arroba gmail punto com", "lupita.r@gmail.com"),
        ("write to ana [at] hotmail [dot] com", "ana@hotmail.com"),
        ("بريدي ahmed.k@gmail.com", "ahmed.k@gmail.com"),
    ],
)
def test_email_found(text, email):
    assert values(text, "identity.email") == [email]


@pytest.mark.parametrize(
    "text",
    [
        "Follow me @jgarcia84 on insta",
        "user@localhost",
        "new icon logo@2x.png",
        "Meet me at gmail HQ",
        "look at the map dot com",
    ],
)
def test_near_miss_is_not_an_email(text):
    assert values(text, "identity.email") == []
