"""The web editor in the built site: admin/ holds the vendored Sveltia CMS (the
very file npm's lock names), a configuration that agrees with `blog check`, and
a page no reader meets and no search engine indexes."""

import json
import re
from urllib.parse import urlsplit

import pytest
import yaml

from helpers import REPO, SITE_URL

EDITOR = REPO / "src" / "wnyblog" / "editor"
NODE_MODULES = REPO / "node_modules"
# Vendored file -> the file of the locked npm package it must equal.
VENDORED = {
    "vendor/sveltia-cms.js": "@sveltia/cms/dist/sveltia-cms.js",
    "vendor/sveltia-cms-LICENSE.txt": "@sveltia/cms/LICENSE.txt",
    "vendor/any-ascii.js": "any-ascii/any-ascii.js",
    "vendor/block.js": "any-ascii/block.js",
    "vendor/any-ascii-LICENSE.txt": "any-ascii/LICENSE",
    "fonts/source-sans-3-latin-wght-normal.woff2": (
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"
    ),
    "fonts/LICENSE-source-sans-3.txt": "@fontsource-variable/source-sans-3/LICENSE",
    "fonts/material-symbols-outlined-latin-wght-normal.woff2": (
        "@fontsource-variable/material-symbols-outlined/files/"
        "material-symbols-outlined-latin-wght-normal.woff2"
    ),
    "fonts/LICENSE-material-symbols.txt": (
        "@fontsource-variable/material-symbols-outlined/LICENSE"
    ),
    "fonts/noto-mono-latin-400-normal.woff2": (
        "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"
    ),
    "fonts/LICENSE-noto-mono.txt": "@fontsource/noto-mono/LICENSE",
}


def locked_version(package: str) -> str:
    lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


def test_vendored_files_are_the_locked_npm_packages_byte_for_byte():
    pins = json.loads((REPO / "package.json").read_text("utf-8"))["devDependencies"]
    for package in ("@sveltia/cms", "any-ascii"):
        # Pinned exactly, and installed at that version by `npm ci`.
        assert pins[package] == locked_version(package), package
        installed = json.loads((NODE_MODULES / package / "package.json").read_text("utf-8"))
        assert installed["version"] == pins[package], package
    for vendored, npm in VENDORED.items():
        assert (EDITOR / vendored).read_bytes() == (NODE_MODULES / npm).read_bytes(), vendored
    # No source maps (9 MB; only developer tools would ask for one).
    assert not list(EDITOR.rglob("*.map"))


def test_the_fonts_it_would_fetch_are_the_ones_served():
    """The bundle's three @font-face URLs, each answered from admin/fonts/."""
    bundle = (EDITOR / "vendor/sveltia-cms.js").read_text("utf-8")
    urls = set(re.findall(r"url\((https://[^)]+)\)", bundle))
    served = (EDITOR / "editor.js").read_text("utf-8")
    assert len(urls) == 3
    for url in urls:
        name = url.removeprefix("https://cdn.jsdelivr.net/fontsource/fonts/")
        assert f'"{name}"' in served, url


def test_the_modules_it_would_import_from_unpkg_are_answered_here():
    """Every module the bundle imports from unpkg.com at run time is redirected
    by the import map; the two it can need with this configuration are stubs."""
    from wnyblog.publish import editor

    bundle = (EDITOR / "vendor/sveltia-cms.js").read_text("utf-8")
    assert "https://unpkg.com/" in editor.IMPORTS
    assert bundle.count("YW(`exifr`,`dist/lite.esm.mjs`)") == 1
    versions = dict(re.findall(r'"?([@\w/.-]+)"?:`\^(\d+\.\d+\.\d+)`', bundle))
    assert f"https://unpkg.com/exifr@{versions['exifr']}/dist/lite.esm.mjs" in editor.IMPORTS
    assert f"https://unpkg.com/@discourse/heic@{versions['@discourse/heic']}/" in editor.IMPORTS
    for target in editor.IMPORTS.values():
        if "stubs" in target:
            assert (EDITOR / target.removeprefix("./")).exists() or (
                EDITOR / target.removeprefix("./") / "index.js"
            ).exists()


def admin_page(site):
    return site.page("admin/")


def test_the_site_has_the_editor_page_and_its_configuration(site):
    assert (site.root / "admin/index.html").is_file()
    assert (site.root / "admin/config.yml").is_file()
    doc = admin_page(site)
    assert [m.get("content") for m in doc.cssselect('meta[name="robots"]')] == ["noindex, nofollow"]
    scripts = [s.get("src") for s in doc.cssselect("script[src]")]
    assert scripts == ["vendor/sveltia-cms.js", "editor.js"]
    for src in scripts:
        assert not urlsplit(src).netloc, src
        assert (site.root / "admin" / src).is_file()
    # The bundle served is the vendored one.
    served = (site.root / "admin/vendor/sveltia-cms.js").read_bytes()
    assert served == (EDITOR / "vendor/sveltia-cms.js").read_bytes()


def policy(doc) -> dict[str, list[str]]:
    (meta,) = doc.cssselect('meta[http-equiv="Content-Security-Policy"]')
    return {
        part.split()[0]: part.split()[1:] for part in meta.get("content").split(";") if part.strip()
    }


def test_the_editor_page_may_reach_only_this_site_and_github_api(site):
    csp = policy(admin_page(site))
    assert csp["default-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'", "https://api.github.com", "data:", "blob:"]
    assert csp["object-src"] == ["'none'"]
    origins = {
        value
        for values in csp.values()
        for value in values
        if value.startswith("http") or "." in value and not value.startswith("'")
    }
    assert origins == {"https://api.github.com"}
    # The one inline script that runs is the import map, allowed by its hash.
    (import_map,) = admin_page(site).cssselect('script[type="importmap"]')
    assert [v for v in csp["script-src"] if v.startswith("'sha256-")] and "'unsafe-inline'" not in (
        csp["script-src"]
    )
    targets = json.loads(import_map.text)["imports"].values()
    assert all(t.startswith("./") for t in targets)


def test_no_reader_page_links_to_the_editor_or_loads_its_code(site):
    for page in site.pages():
        rel = page.relative_to(site.root).as_posix()
        assert not rel.startswith("admin/")
        text = page.read_text("utf-8")
        assert "admin/" not in text, rel
        assert "sveltia" not in text.lower(), rel
    sitemap = (site.root / "sitemap.xml").read_text("utf-8")
    assert "/admin" not in sitemap


def schema_form_fields(config: dict) -> dict[str, dict]:
    (posts,) = config["collections"]
    return {f["name"]: f for f in posts["fields"]}


def test_the_editor_configuration_agrees_with_blog_check(site):
    """Every front-matter key, required flag and vocabulary choice of
    admin/config.yml is what `blog check` accepts, and nothing else."""
    from wnyblog.posts.config_reader import load
    from wnyblog.posts.schema import FIELDS
    from wnyblog.publish import editor

    config = yaml.safe_load((site.root / "admin/config.yml").read_text("utf-8"))
    fields = schema_form_fields(config)
    own = {"heading", "wnyblog_address", "body", "wnyblog_source", "wnyblog_picture"}
    assert set(fields) - own == set(FIELDS)
    # What `blog check` reads: conf.py and docs/vocabulary.yaml.
    _, vocab, problems = load(REPO, REPO / "docs")
    assert problems == []
    catalogs = {
        "author": [(name, key) for key, name in vocab.authors.items()],
        "tags": [(t, t) for t in vocab.tags],
        "category": [(c, c) for c in vocab.categories],
    }
    for key, spec in FIELDS.items():
        field = fields[key]
        assert field["label"] == spec.label, key
        assert field.get("required", False) == spec.required, key
        if not spec.in_editor:
            assert field["widget"] == "hidden", key
            continue
        assert field["hint"] == spec.help, key
        if key in catalogs:
            options = [(o["label"], o["value"]) for o in field["options"]]
            assert options == catalogs[key], key
            assert field.get("multiple", False) == (editor.kind_name(spec) == "keys"), key
    # The post's Title is its heading, and required; a new post lands in its year's folder.
    assert fields["heading"]["required"] is True
    (posts,) = config["collections"]
    assert posts["folder"] == "docs/posts"
    assert posts["path"] == "{{year}}/{{slug}}/index"
    assert posts["media_folder"] == "" and posts["public_folder"] == ""
    assert config["backend"] == {"name": "github", "repo": "wny-psychiatry/blog", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["site_url"] == SITE_URL


def test_every_kind_of_setting_has_a_form_field():
    """Adding a kind to the schema means adding it to publish/editor.py's
    table: the kinds issue 17 brings are there already."""
    from wnyblog.posts.schema import FIELDS
    from wnyblog.publish import editor

    assert {editor.kind_name(spec) for spec in FIELDS.values()} <= set(editor.WIDGETS)
    assert {"author", "sources"} <= set(editor.WIDGETS)


@pytest.fixture(scope="module")
def preview_env() -> dict[str, str]:
    return {"READTHEDOCS_VERSION_TYPE": "external"}


def test_a_pull_request_preview_publishes_no_editor(monkeypatch, preview_env):
    from wnyblog.publish import editor

    class Builder:
        format = "html"

    class App:
        builder = Builder()

    assert editor.paths(App()) != []
    for name, value in preview_env.items():
        monkeypatch.setenv(name, value)
    assert editor.paths(App()) == []
