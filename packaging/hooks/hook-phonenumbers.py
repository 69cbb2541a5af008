# Replaces pyinstaller-hooks-contrib's hook (which takes every submodule): phonenumbers imports
# each region's metadata by name when it first needs it, so those modules are named here; the
# geocoder's, carrier's and time zones' data (about 40 MB of source) are not used by the app's
# redaction and stay out.
from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("geocoder", "geodata", "carrier", "carrierdata", "timezone", "tzdata")

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: name.partition(".")[2].split(".")[0] not in UNUSED
)
excludedimports = [f"phonenumbers.{name}" for name in UNUSED]
