# SPDX-License-Identifier: MIT
r"""Write the WiX source of the MSI from a built bundle's file list.

    python packaging/windows/make_wxs.py "dist/STAR Desktop" build/star-desktop.wxs --version 0.1.0

The MSI installs per machine under Program Files (ALLUSERS=1, silent with
``msiexec /i star-desktop.msi /qn``), upgrades in place (a fixed UpgradeCode; a newer
version removes the older first), adds a Start menu shortcut, creates the folder where IT
puts the central policy (``%ProgramData%\\STAR Procurement\\STAR Desktop\\policy.toml``)
and records where it is installed in ``HKLM\\Software\\STAR Procurement\\STAR Desktop``.
Group Policy may instead name the policy file in
``HKLM\\Software\\Policies\\STAR Procurement\\STAR Desktop`` (``PolicyPath``).

The same source builds with WiX 3 on Windows (``candle`` and ``light``) and with ``wixl``
(Debian's msitools) on Linux, where it is a structural test of the Linux bundle.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

#: Never change: Windows Installer finds earlier versions to upgrade by this.
UPGRADE_CODE = "6F0C6A3E-5B2D-4C1B-9E7A-53544152C0DE"
MANUFACTURER = "STAR Procurement"
PRODUCT = "STAR Desktop"
_NAMESPACE = uuid.UUID(UPGRADE_CODE)


def _id(kind: str, relative: str) -> str:
    """A stable, valid WiX identifier for a path (at most 72 characters)."""
    digest = hashlib.sha1(relative.encode()).hexdigest()[:16]
    return f"{kind}_{digest}"


def _guid(relative: str) -> str:
    """A stable component GUID: the same file keeps its GUID across versions."""
    return str(uuid.uuid5(_NAMESPACE, relative)).upper()


def _version(value: str) -> str:
    parts = [int(p) for p in value.split(".")[:3] if p.isdigit()]
    return ".".join(str(p) for p in ([*parts, 0, 0, 0])[:3])


def wxs(bundle: Path, version: str, executable: str) -> str:
    """The WiX source for ``bundle`` (a PyInstaller one-folder build)."""
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    if not any(p.name == executable for p in files):
        raise SystemExit(f"make_wxs: {executable} is not in {bundle}")
    tree: dict[str, list[Path]] = {}
    for path in files:
        tree.setdefault(str(path.parent.relative_to(bundle)).replace("\\", "/"), []).append(path)
    lines: list[str] = []
    refs: list[str] = []

    def directory(relative: str, indent: str) -> None:
        for path in tree.get(relative, []):
            rel = str(path.relative_to(bundle)).replace("\\", "/")
            component = _id("cmp", rel)
            refs.append(component)
            lines.append(
                f"{indent}<Component Id={quoteattr(component)} Guid={quoteattr(_guid(rel))}>"
            )
            key = ' KeyPath="yes"'
            lines.append(
                f"{indent}  <File Id={quoteattr(_id('fil', rel))} Name={quoteattr(path.name)} "
                f"Source={quoteattr(str(path))}{key}/>"
            )
            lines.append(f"{indent}</Component>")
        children = sorted(
            {
                k.split("/")[len(relative.split("/")) if relative != "." else 0]
                for k in tree
                if k != relative and (relative == "." or k.startswith(relative + "/"))
            }
        )
        for child in children:
            path = child if relative == "." else f"{relative}/{child}"
            lines.append(
                f"{indent}<Directory Id={quoteattr(_id('dir', path))} Name={quoteattr(child)}>"
            )
            directory(path, indent + "  ")
            lines.append(f"{indent}</Directory>")

    # every folder on the way to a file, so nested folders without files of their own exist
    for key in list(tree):
        parts = key.split("/") if key != "." else []
        for depth in range(1, len(parts)):
            tree.setdefault("/".join(parts[:depth]), [])
    directory(".", "          ")
    exe = _id("fil", executable)
    product_version = _version(version)
    refs_xml = "\n".join(f'      <ComponentRef Id="{r}"/>' for r in refs)
    body = "\n".join(lines)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="{PRODUCT}" Language="2057" Version="{product_version}"
           Manufacturer="{MANUFACTURER}" UpgradeCode="{UPGRADE_CODE}">
    <!-- InstallScope="perMachine" sets ALLUSERS=1 (per-machine, under Program Files) -->
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Description="{PRODUCT} {product_version}" Manufacturer="{MANUFACTURER}"/>
    <Media Id="1" Cabinet="star.cab" EmbedCab="yes"/>
    <Property Id="ARPNOMODIFY" Value="1"/>
    <Upgrade Id="{UPGRADE_CODE}">
      <UpgradeVersion Minimum="0.0.0" Maximum="{product_version}" IncludeMaximum="no"
                      Property="OLDERVERSIONFOUND"/>
    </Upgrade>
    <InstallExecuteSequence>
      <RemoveExistingProducts After="InstallValidate"/>
    </InstallExecuteSequence>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="ManufacturerFolder" Name="{MANUFACTURER}">
          <Directory Id="INSTALLFOLDER" Name="{PRODUCT}">
{body}
          </Directory>
        </Directory>
      </Directory>
      <Directory Id="CommonAppDataFolder">
        <Directory Id="PolicyManufacturer" Name="{MANUFACTURER}">
          <Directory Id="POLICYFOLDER" Name="{PRODUCT}">
            <Component Id="PolicyFolder" Guid="{_guid("policy-folder")}">
              <CreateFolder/>
              <RegistryValue Root="HKLM" Key="Software\\{MANUFACTURER}\\{PRODUCT}"
                             Name="CentralPolicyFolder" Type="string" Value="[POLICYFOLDER]"
                             KeyPath="yes"/>
              <RegistryValue Root="HKLM" Key="Software\\{MANUFACTURER}\\{PRODUCT}"
                             Name="InstallDir" Type="string" Value="[INSTALLFOLDER]"/>
            </Component>
          </Directory>
        </Directory>
      </Directory>
      <Directory Id="ProgramMenuFolder">
        <Component Id="StartMenuShortcut" Guid="{_guid("start-menu-shortcut")}">
          <Shortcut Id="AppShortcut" Name="{PRODUCT}" Description="Draft and check posts"
                    Target="[#{exe}]" WorkingDirectory="INSTALLFOLDER"/>
          <RegistryValue Root="HKCU" Key="Software\\{MANUFACTURER}\\{PRODUCT}"
                         Name="StartMenuShortcut" Type="integer" Value="1" KeyPath="yes"/>
        </Component>
      </Directory>
    </Directory>
    <Feature Id="Main" Title="{PRODUCT}" Level="1">
{refs_xml}
      <ComponentRef Id="PolicyFolder"/>
      <ComponentRef Id="StartMenuShortcut"/>
    </Feature>
  </Product>
</Wix>
"""


def main(argv: list[str] | None = None) -> int:
    """Write the .wxs for a bundle."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller one-folder build")
    parser.add_argument("out", type=Path, help="the .wxs to write")
    parser.add_argument("--version", required=True)
    parser.add_argument("--executable", default="STAR Desktop.exe",
                        help="the file the shortcut starts")  # fmt: skip
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(wxs(args.bundle, args.version, args.executable), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
