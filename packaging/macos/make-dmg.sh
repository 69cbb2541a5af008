#!/usr/bin/env bash
# Packs the app that packaging/build.sh built (dist/Operator Desktop.app) into a compressed
# disk image with a link to /Applications:
#   bash packaging/macos/make-dmg.sh   ->  dist/operator-desktop-<version>-macos-<arch>.dmg
# Needs macOS (hdiutil). The app is ad-hoc signed so that it starts on Apple silicon; a release
# for users is signed with a Developer ID and notarised instead (CODESIGN_IDENTITY=...), which
# macOS also requires before notifications show buttons.
set -euo pipefail
cd "$(dirname "$0")/../.."
app="dist/Operator Desktop.app"
[ -d "$app" ] || { echo "make-dmg.sh: $app is missing: run bash packaging/build.sh first" >&2; exit 1; }
version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
dmg=dist/operator-desktop-$version-macos-$(uname -m).dmg

codesign --force --deep --sign "${CODESIGN_IDENTITY:--}" "$app"
codesign --verify --deep --strict "$app"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Operator Desktop" -srcfolder "$staging" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 "$dmg"
hdiutil verify "$dmg"
echo "make-dmg.sh: $dmg ($(du -h "$dmg" | cut -f1))"
