"""The writers' web editor at ``admin/``: Sveltia CMS, its page and its settings.

The build writes ``admin/index.html`` (from ``templates/editor/index.html``),
``admin/config.yml`` and the editor's own files (``src/wnyblog/editor/``:
the vendored bundle with its licence, fonts, and the blog's scripts). Nothing
a reader loads points here, the sitemap lists documents only, and the page says
``noindex``. A Read the Docs pull-request preview publishes no editor: it is
not the blog, and a writer must not be led to edit from there.

``config.yml`` is made from the one schema (``posts/schema.py``: kind, label,
help, required, in_editor) and the vocabulary, so a new setting or tag needs no
second edit. Each kind of value becomes a form field through :data:`WIDGETS`:
a new kind is one entry there.

The bundle, out of the box, reaches other sites; here it does not (read in its
source, ``editor/vendor/sveltia-cms.js``):

- the update check (``unpkg.com/@sveltia/cms/package.json``) and the GitHub
  status poll (``www.githubstatus.com``) are ``fetch`` calls that
  ``editor/editor.js`` refuses before they leave (the bundle ignores the
  failure); no setting turns them off;
- the code it imports from unpkg.com on demand (the EXIF reader, the HEIC
  decoder, image encoders, Immutable.js, code highlighting) is redirected by
  the page's import map (:data:`IMPORTS`): the EXIF reader to a stub (the
  editor never reads a photo's location; photos are stripped before saving),
  the HEIC decoder to a stub that says it cannot, anything else to this site,
  where it does not exist (unused with this configuration: no image
  transformations, no event hooks, no custom widgets, no code fields);
- its three web fonts (jsdelivr.net) are served from ``admin/fonts/``.
"""

import base64
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from sphinx.application import Sphinx

from ..posts import schema, values
from ..posts.schema import Field, Vocabulary
from ..site import address
from .output import write_if_changed

FOLDER = "admin"
FILES = Path(__file__).parent.parent / "editor"
TEMPLATE = "editor/index.html"
BUNDLE = "vendor/sveltia-cms.js"
# The custom format editor/post-format.js registers: it keeps every byte it does not change.
# (Sveltia accepts a .md extension only with a format named *-frontmatter.)
FORMAT = "wnyblog-frontmatter"
# The form's own fields, kept out of the front matter by editor/post-format.js.
HEADING = "heading"
ADDRESS = "wnyblog_address"
SOURCE = "wnyblog_source"
BODY = "body"
# Where the body's Picture… button puts the file, so it is saved beside the post.
PICTURE = "wnyblog_picture"
GITHUB_API = "https://api.github.com"

# The modules the bundle would import from unpkg.com, and what answers instead.
IMPORTS = {
    "https://unpkg.com/exifr@7.1.3/dist/lite.esm.mjs": "./stubs/no-exif.js",
    "https://unpkg.com/@discourse/heic@1.0.0/": "./stubs/no-heic/",
    "https://unpkg.com/": "./unavailable/",
}

# The policy of admin/ alone, origin by origin (readers' pages keep publish/csp.py's).
POLICY = {
    # Everything else: this site only.
    "default-src": "'self'",
    # The bundle and the blog's scripts, from admin/; the import map by its hash.
    "script-src": "'self' {import_map}",
    # Svelte puts each component's styles in a <style> element, and sets style attributes.
    "style-src": "'self' 'unsafe-inline'",
    # GitHub's REST and GraphQL API: signing in with a token, reading and
    # committing posts, branches and pull requests. Nothing else.
    # data: and blob:: the bundle fetches its own logo, which it carries as a
    # data: URL, and the photo being added, from memory. Neither leaves the browser.
    "connect-src": f"'self' {GITHUB_API} data: blob:",
    # Photos being added are shown from memory (blob:) before they are saved;
    # the bundle's icons are data: URLs.
    "img-src": "'self' data: blob:",
    "media-src": "'self' blob:",
    "font-src": "'self'",
    # The bundle decodes pictures off the main thread in workers it makes from blob: URLs.
    "worker-src": "'self' blob:",
    "frame-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}


def _authors(key: str, vocab: Vocabulary) -> dict[str, object]:
    """One author key, chosen by the name readers see."""
    options = [{"label": name, "value": k} for k, name in vocab.authors.items()]
    return {"widget": "select", "options": options}


def _select(multiple: bool) -> Callable[[str, Vocabulary], dict[str, object]]:
    """Names from the vocabulary section the checks hold *key* to."""

    def widget(key: str, vocab: Vocabulary) -> dict[str, object]:
        section = values.CATALOGS[key]
        if section == "authors":
            return {**_authors(key, vocab), "multiple": multiple}
        options = [{"label": item, "value": item} for item in getattr(vocab, section)]
        return {"widget": "select", "multiple": multiple, "options": options}

    return widget


_SOURCE_FIELDS = [
    {"name": "title", "label": "Title", "widget": "string", "required": True},
    {"name": "url", "label": "Web address", "widget": "string", "required": False},
    {"name": "doi", "label": "DOI", "widget": "string", "required": False},
    {"name": "publisher", "label": "Publisher", "widget": "string", "required": False},
    {"name": "year", "label": "Year", "widget": "string", "required": False},
]

# One entry per kind of schema value (values.Kind, by name): the form field that edits it.
WIDGETS: dict[str, Callable[[str, Vocabulary], dict[str, object]]] = {
    "text": lambda key, vocab: {"widget": "string"},
    "date": lambda key, vocab: {
        "widget": "datetime",
        "time_format": False,
        "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD",
    },
    "bool": lambda key, vocab: {"widget": "boolean", "default": False},
    "keys": _select(multiple=True),
    "key": _select(multiple=False),
    "author": _authors,
    "paths": lambda key, vocab: {
        "widget": "list",
        "field": {"name": "address", "widget": "string"},
    },
    "sources": lambda key, vocab: {"widget": "list", "fields": _SOURCE_FIELDS},
}
# Keys whose value needs another field than their kind's.
BY_KEY: dict[str, dict[str, object]] = {
    "description": {"widget": "text"},
    "image": {"widget": "image", "choose_url": False},
    "date": {"default": "{{now}}"},
}


def form_field(key: str, spec: Field, vocab: Vocabulary) -> dict[str, object]:
    """One schema key as a Sveltia field; hidden when a writer never sets it."""
    if not spec.in_editor:
        # Kept as the file has it (hidden fields take no hint and no required flag).
        return {"name": key, "label": spec.label, "widget": "hidden"}
    field = {"name": key, "label": spec.label, "hint": spec.help, "required": spec.required}
    return {**field, **WIDGETS[kind_name(spec)](key, vocab), **BY_KEY.get(key, {})}


def kind_name(spec: Field) -> str:
    """The kind's name ("text", "keys", …): WIDGETS is keyed by name, so a
    kind issue 17 adds ("author", "sources") needs no import here."""
    return str(getattr(spec.kind, "value", spec.kind))


def repository(app: Sphinx) -> str:
    """owner/name on GitHub: ``editor_repository`` in conf.py, else what the
    GitHub Pages address says (https://owner.github.io/name/)."""
    if app.config.editor_repository:
        return str(app.config.editor_repository)
    parts = urlsplit(app.config.site_url)
    owner = parts.hostname.removesuffix(".github.io") if parts.hostname else ""
    name = parts.path.strip("/") or f"{owner}.github.io"
    return f"{owner}/{name}"


def config(app: Sphinx) -> dict[str, object]:
    """What admin/config.yml says."""
    vocab = Vocabulary.from_config(app.config)
    fields = [
        {
            "name": HEADING,
            "label": "Title",
            "hint": "The post's title: the first line of the post, shown as its heading.",
            "required": True,
            "widget": "string",
        },
        {
            "name": ADDRESS,
            "label": "Web address",
            "hint": "Made from the title when the post is first saved; it never changes after.",
            "required": False,
            "readonly": True,
            "widget": "string",
        },
        *(form_field(key, spec, vocab) for key, spec in schema.FIELDS.items()),
        {
            "name": PICTURE,
            "label": "Picture being added to the text",
            "hint": "Filled in by the Picture… button above the text, which asks what it shows.",
            "required": False,
            "widget": "image",
            "choose_url": False,
        },
        {
            "name": BODY,
            "label": "Text",
            "hint": "The post itself. The buttons add a picture, a note or the crisis resources.",
            "required": True,
            "widget": "markdown",
            # The Markdown as written: the rich-text mode would rewrite MyST.
            "modes": ["raw"],
        },
        {"name": SOURCE, "label": "The file as it was", "widget": "hidden"},
    ]
    return {
        "backend": {"name": "github", "repo": repository(app), "branch": "main"},
        "publish_mode": "editorial_workflow",
        "site_url": app.config.site_url,
        "display_url": app.config.site_url,
        "media_folder": "docs/_static",
        "public_folder": "/_static",
        "collections": [
            {
                "name": "posts",
                "label": "Posts",
                "label_singular": "Post",
                "folder": "docs/posts",
                "path": "{{year}}/{{slug}}/index",
                "slug": "{{" + ADDRESS + "}}",
                "extension": "md",
                "format": FORMAT,
                # Photos go in the post's own folder, named as the post shows them.
                "media_folder": "",
                "public_folder": "",
                "create": True,
                "identifier_field": HEADING,
                "summary": "{{" + HEADING + "}}",
                "sortable_fields": ["date", HEADING],
                # The exact preview is the pull request's Read the Docs build
                # (and `make preview` beside `make editor`); this one would
                # only approximate MyST, and could not show a post's pictures.
                "editor": {"preview": False},
                "fields": fields,
            }
        ],
    }


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(app: Sphinx) -> str:
    """admin/index.html."""
    import_map = json.dumps({"imports": IMPORTS}, indent=1)
    policy = "; ".join(
        f"{name} {value.format(import_map=_hash(import_map))}" for name, value in POLICY.items()
    )
    settings = {
        "format": FORMAT,
        "keys": list(schema.FIELDS),
        "heading": HEADING,
        "address": ADDRESS,
        "body": BODY,
        "picture": PICTURE,
    }
    return str(
        app.builder.templates.render(
            TEMPLATE,
            {
                "policy": policy,
                "import_map": import_map,
                "settings": json.dumps(settings),
                "bundle": BUNDLE,
                "blog_title": app.config.blog_title,
            },
        )
    )


def _static_files() -> list[str]:
    """The editor's own files, relative to editor/ (node's package.json stays out)."""
    return sorted(
        path.relative_to(FILES).as_posix()
        for path in FILES.rglob("*")
        if path.is_file() and path.name != "package.json" and "__pycache__" not in path.parts
    )


def published(app: Sphinx) -> bool:
    return app.builder.format == "html" and not address.pull_request_preview()


def paths(app: Sphinx) -> list[str]:
    """Every file the editor adds to the site (none on a pull-request preview)."""
    if not published(app):
        return []
    return [f"{FOLDER}/{name}" for name in ["index.html", "config.yml", *_static_files()]]


def write(app: Sphinx) -> None:
    """Write admin/ into the site (each file only when it changed)."""
    if not published(app):
        return
    out = Path(app.outdir, FOLDER)
    write_if_changed(out / "index.html", page(app).encode("utf-8"))
    text = yaml.safe_dump(config(app), sort_keys=False, allow_unicode=True, width=100)
    write_if_changed(out / "config.yml", text.encode("utf-8"))
    for name in _static_files():
        target = out / name
        source = FILES / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
