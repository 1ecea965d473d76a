"""Addresses, places and coordinates, with near misses that must NOT match."""

import pytest

from cuidado.detectors import TextScanner

SCANNER = TextScanner()


def spans(text, kind):
    return [text[m.start : m.end] for m in SCANNER.scan(text) if m.kind == kind]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Party at 123 Main St Apt 4B tonight", "123 Main St Apt 4B"),
        ("Come through! 4521 W Belmont Ave, Chicago, IL 60641", "4521 W Belmont Ave, Chicago, IL 60641"),
        ("new place is 88 Pine St #3R", "88 Pine St #3R"),
        ("PO Box 1423, Laredo TX 78044", "PO Box 1423, Laredo TX 78044"),
        ("I live at 45 Oak, come by", "45 Oak"),
        ("Apt 4B is finally ours", "Apt 4B"),
        ("Calle 5 de Mayo #123, Col. Centro", "Calle 5 de Mayo #123, Col. Centro"),
        ("La fiesta es en Av. Reforma 222", "Av. Reforma 222"),
        ("Carrera 7 # 45-12, Bogotá", "Carrera 7 # 45-12"),
        ("Dirección: Calle 10 No. 5-20, Barrio El Prado", "Calle 10 No. 5-20, Barrio El Prado"),
        ("vivo en la calle morelos 45", "calle morelos 45"),  # lower case, but "vivo en"
        ("mi casa está en la esquina de Pino y Roble", "esquina de Pino y Roble"),
        ("Moro na Rua das Flores, nº 23", "Rua das Flores, nº 23"),
        ("On se retrouve au 12 rue de la Paix ce soir", "12 rue de la Paix"),
        ("عنواني شارع الحمراء رقم 15", "شارع الحمراء رقم 15"),
    ],
)
def test_address_found(text, address):
    assert spans(text, "location.address") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "My zip code is 90210",  # ZIP without a street
        "Código postal 06600",
        "I ran 5 miles down the street today",
        "It's like 3 blocks from the park",
        "Top 5 Main Street restaurants",
        "We walked down Main Street",  # a street without a number
        "La calle está llena de gente hoy",
        "en la calle hay 3 perros",  # "calle" + words + number, but no name
        "A rua estava vazia às 3 da manhã",
        "vivo en Chicago hace 10 años",  # a city and a duration: a place, not an address
        "I live at home with 2 cats",
        "Route 66 road trip",
    ],
)
def test_near_miss_is_not_an_address(text):
    assert spans(text, "location.address") == []


@pytest.mark.parametrize(
    "text, place",
    [
        ("I'm at Café Tacuba", "Café Tacuba"),
        ("I'm at 7-Eleven lol", "7-Eleven"),
        ("estoy en la iglesia San José", "iglesia San José"),
        ("at the Rainbow club tonight", "Rainbow club"),
        ("at St. Mary's Church for the baptism", "St. Mary's Church"),
        ("Misa en la Parroquia San Judas Tadeo", "Parroquia San Judas Tadeo"),
        ("Greetings from Little Havana!", "Little Havana"),
        ("Saludos desde Tijuana", "Tijuana"),
        ("Pura vida desde San José", "San José"),  # accent in an exact-case name
        ("Heading to Phoenix for work", "Phoenix"),  # needs a preposition: has one
        ("أنا في القاهرة", "القاهرة"),
        ("صليت في مسجد النور", "مسجد النور"),
    ],
)
def test_place_found(text, place):
    assert place in spans(text, "location.place")


@pytest.mark.parametrize(
    "text",
    [
        "I'm at a loss for words",
        "I'm at work all day",
        "Estoy en casa descansando",
        "Que la paz sea con ustedes",  # "la paz", not La Paz
        "Austin is my best friend",  # first name, no preposition
        "the church down the street",
        "Best Mexican restaurant in town",
        "Latina-owned bakery opening soon",
    ],
)
def test_near_miss_is_not_a_place(text):
    assert spans(text, "location.place") == []


@pytest.mark.parametrize(
    "text, lat, lon",
    [
        ("We met at 19.432608, -99.133209", 19.432608, -99.133209),
        ("GPS: 29.7604° N, 95.3698° W", 29.7604, -95.3698),
        ("19°25'57\"N 99°07'59\"W", 19.4325, -99.133056),
        ("https://maps.google.com/?q=20.6597,-103.3496", 20.6597, -103.3496),
        ("https://www.google.com/maps/place/Taqueria/@37.7529,-122.4184,17z", 37.7529, -122.4184),
        ("https://www.openstreetmap.org/?mlat=48.8566&mlon=2.3522", 48.8566, 2.3522),
        ("https://www.openstreetmap.org/#map=15/48.8566/2.3522", 48.8566, 2.3522),
        ("maps.apple.com/?ll=40.7128,-74.0060", 40.7128, -74.006),
        ("geo:-23.5505,-46.6333", -23.5505, -46.6333),
    ],
)
def test_coordinates_found(text, lat, lon):
    (match,) = [m for m in SCANNER.scan(text) if m.kind == "location.geotag"]
    assert match.lat == pytest.approx(lat, abs=1e-5) and match.lon == pytest.approx(lon, abs=1e-5)
    assert match.value == f"{match.lat:.6f},{match.lon:.6f}"


@pytest.mark.parametrize(
    "text",
    [
        "Version 2.1.4 is out",
        "Pagué 12.50, 13.75 y 14.00",
        "The score was 21.5, 19.25 at halftime",
        "EUR/USD moved 1.0845, 1.0912 today",  # exchange rates have four decimals too
        "Temperature 98.6, humidity 45.2",
        "Point 95.1234, 200.5678 is off the map",  # latitude out of range
    ],
)
def test_near_miss_is_not_a_coordinate(text):
    assert spans(text, "location.geotag") == []


def test_map_link_without_coordinates_names_the_place():
    found = SCANNER.scan("https://foursquare.com/v/cafe-tacuba/4b5e0f3ef964a520")
    assert [(m.kind, m.value) for m in found] == [("location.place", "cafe tacuba")]
