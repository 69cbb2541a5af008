#!/bin/sh
# Adds Operator Desktop from this unpacked folder to the current user's application menu:
# the .desktop entry (started from this folder), the icons and the AppStream metadata, under
# ${PREFIX:-$HOME/.local}/share. Run it again after moving the folder; `install.sh --remove` undoes it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
app_id=org.operatordesktop.OperatorDesktop
share=$prefix/share

if [ "${1:-}" = "--remove" ]; then
  rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
  find "$share/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
  echo "Operator Desktop removed from $share"
  exit 0
fi

mkdir -p "$share/applications" "$share/metainfo"
(cd "$here/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$share/$(dirname "$icon")"
  cp "$here/share/$icon" "$share/$icon"
done
sed -e "s|^Exec=operator-desktop|Exec=\"$here/operator-desktop\"|" \
    -e "s|^TryExec=operator-desktop|TryExec=$here/operator-desktop|" \
    "$here/share/applications/$app_id.desktop" > "$share/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$share/metainfo/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Operator Desktop added to the application menu ($share/applications/$app_id.desktop)"
