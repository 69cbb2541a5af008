; Inno Setup 6 script of the Windows installer: installs the one-folder app that
; packaging/build.sh built in dist\operator-desktop, with Start menu and optional desktop
; shortcuts and an uninstaller. Per-user by default (no administrator rights needed).
;   iscc /DAppVersion=0.1.0 packaging\windows\operator-desktop.iss
; writes dist\operator-desktop-<version>-windows-x64-setup.exe (.github/workflows/bundles.yml).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Operator Desktop"
#define AppExe "operator-desktop.exe"
#define Root "..\.."

[Setup]
; the AppId identifies the installation for upgrades and the uninstaller: never change it
AppId={{6F1D8A52-3C4B-4E7A-9B2D-8E5F0C1A7D34}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Operator Desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#Root}\dist
OutputBaseFilename=operator-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\build\icons\operator-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\operator-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; the AppUserModelID lets Windows attribute the app's toast notifications to this shortcut
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "org.operatordesktop.OperatorDesktop"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon; AppUserModelID: "org.operatordesktop.OperatorDesktop"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
