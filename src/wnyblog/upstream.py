"""Every place the blog reaches into Sphinx, MyST or ABlog beyond their public API.

The versions are pinned exactly (requirements.txt), so these hold; when a pin
moves, ``tests/test_upstream.py`` checks each assumption made here against the
installed packages and names the function to revisit. Nothing else in the
package may use a private name of those projects.

Sphinx is imported inside the functions: the build's front end imports this
package before deciding whether to start Sphinx at all.
"""

from pathlib import Path

# -- Sphinx: the saved environment -----------------------------------------------------------------


def discard_saved_environment(app) -> None:
    """Make Sphinx read every document again: remove the environment it saved.

    Must run at ``config-inited``, before Sphinx loads it
    (``Sphinx._init_env`` reads ``ENV_PICKLE_FILENAME`` from the doctree folder).
    """
    from sphinx.application import ENV_PICKLE_FILENAME

    Path(app.doctreedir, ENV_PICKLE_FILENAME).unlink(missing_ok=True)


# -- Sphinx: .buildinfo ----------------------------------------------------------------------------


def portable_build_info(app, own: dict[str, str]):
    """The builder's ``BuildInfo`` with the settings this extension fills in at
    run time shown as fixed labels, so that ``.buildinfo`` (a published file)
    and the "settings changed" decision do not depend on the folder the
    project sits in. *own* maps a value this extension set to its label.

    The builder makes its build info first thing in ``init()``, from the
    config as it is then; it is replaced here at ``builder-inited``.
    """
    from sphinx.builders.html._build_info import BuildInfo

    config = app.config
    saved = {}
    for name in ("templates_path", "html_static_path"):
        saved[name] = list(config[name])
        config[name][:] = [own.get(str(value), value) for value in saved[name]]
    saved_bridge = config.template_bridge
    config.template_bridge = own.get(saved_bridge, saved_bridge)
    try:
        return BuildInfo(config, app.builder.tags, frozenset({"html"}))
    finally:
        for name, values in saved.items():
            config[name][:] = values
        config.template_bridge = saved_bridge


def use_build_info(app, build_info) -> None:
    """Give the HTML builder *build_info* (``StandaloneHTMLBuilder.build_info``)."""
    app.builder.build_info = build_info
