"""URL-synced page state: a page's shareable selection lives in the URL's query parameters.

Each page declares its state once as a :class:`PageState` of :class:`Param` values (name, default, parser).
Then, on every run of the page, :meth:`PageState.sync`:

1. the first time in a browser session, reads the query parameters *once* into page-prefixed ``session_state``
   keys (``"heatmaps::run"``), each value through its parser; a value that does not parse is ignored with a
   message (:attr:`PageState.problems`), never an exception. They are read again only when the page is entered
   with parameters it did not write itself (a link from another page of the app, an edited address);
2. restores widget keys (``"heatmaps:run"``) that Streamlit dropped while the page was not shown, so a selection
   survives page switches;
3. writes the page's non-default values back into the URL (defaults stay out of it) and removes parameters that
   are not this page's, so the address bar always holds exactly the link that reopens the current view.

Widgets made through the helpers (:meth:`PageState.selectbox`, ...) carry the page-prefixed key and an
``on_change`` that stores the new value and rewrites the URL. Values are checked against the widget's options
before it is drawn, so a stale link (a run that no longer exists) falls back to the default with a message; a value
the visitor chose (not one a link brought) falls back silently, e.g. the run after a switch of the results source.

Streamlit >= 1.67 can bind single widgets to query parameters itself (``bind="query-params"``); this module
keeps working with the minimum version in requirements.txt and keeps the URL names short (no page prefix).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import streamlit as st

_LOADED = "__loaded__"
_WRITTEN = "__written__"
_FROM_LINK = "__from_link__"


def parse_bool(text: str) -> bool:
    """``"1"``, ``"true"``, ``"yes"``, ``"on"`` -> True; ``"0"``, ``"false"``, ``"no"``, ``"off"`` -> False."""
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def parse_float(text: str) -> float:
    """A finite float."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {text!r}")
    return value


def parse_list(text: str) -> list[str]:
    """A comma-separated list (empty items dropped)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def dump_value(value: Any) -> str:
    """The URL spelling of a value (lists comma-joined, booleans as 1/0, floats without trailing zeros)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Param:
    """One shareable value of a page.

    Args:
        name: the query parameter's name (short, e.g. ``"run"``).
        default: the value when the URL does not set it (never written to the URL).
        parse: turns the URL text into a value; raises ``ValueError`` for bad text.
        check: optional validation of a parsed value (raise ``ValueError`` with the reason).
    """

    name: str
    default: Any
    parse: Callable[[str], Any] = str
    check: Callable[[Any], None] | None = None

    def read(self, text: str) -> Any:
        value = self.parse(text)
        if self.check is not None:
            self.check(value)
        return value


def in_range(low: float, high: float) -> Callable[[Any], None]:
    """A :attr:`Param.check` that refuses values outside ``[low, high]``."""

    def check(value: Any) -> None:
        if not low <= value <= high:
            raise ValueError(f"must be in [{low:g}, {high:g}]")

    return check


class PageState:
    """The URL-synced state of one page (see the module docstring).

    Example (in a page)::

        state = PageState("heatmaps", Param("run", ""), Param("metric", "AP@20"))
        state.sync()
        run = state.selectbox("Run", runs, "run")
    """

    def __init__(self, page: str, *params: Param) -> None:
        self.page = page
        self.params: dict[str, Param] = {p.name: p for p in params}
        self.problems: list[str] = []

    # ----- keys -------------------------------------------------------------------------------------------------
    def store_key(self, name: str) -> str:
        """``session_state`` key holding the value across page switches."""
        return f"{self.page}::{name}"

    def widget_key(self, name: str) -> str:
        """``session_state`` key of the widget that edits the value."""
        return f"{self.page}:{name}"

    # ----- the sync -----------------------------------------------------------------------------------------
    def sync(self) -> PageState:
        """Read the URL when a link brings values, restore widget keys, write the URL (call at the top of the page).

        The query parameters are read into the state the first time the page runs in a session, and again only
        when the page is entered with parameters other than the ones it wrote itself (a link from another page,
        an edited address); the page's own writes are never read back.
        """
        ss = st.session_state
        loaded_key, written_key = self.store_key(_LOADED), self.store_key(_WRITTEN)
        arrived = {k: st.query_params.get(k) for k in st.query_params if k in self.params}
        if not ss.get(loaded_key) or (arrived and arrived != ss.get(written_key)):
            from_link = set()
            for name, param in self.params.items():
                value = param.default
                raw = arrived.get(name)
                if raw is not None:
                    try:
                        value = param.read(raw)
                        from_link.add(name)
                    except (ValueError, TypeError) as exc:
                        self.problems.append(f"Ignored link parameter {name}={raw!r}: {exc}")
                ss[self.store_key(name)] = value
                ss.pop(self.widget_key(name), None)
            ss[loaded_key] = True
            ss[self.store_key(_FROM_LINK)] = from_link
        for name, param in self.params.items():
            ss.setdefault(self.store_key(name), param.default)
            if self.widget_key(name) not in ss:
                ss[self.widget_key(name)] = ss[self.store_key(name)]
        self.write_url()
        return self

    def write_url(self) -> None:
        """Make the URL hold exactly this page's non-default values."""
        wanted = self.url_params()
        st.session_state[self.store_key(_WRITTEN)] = wanted
        current = {k: st.query_params.get(k) for k in st.query_params}
        for key in current:
            if key not in wanted:
                del st.query_params[key]
        for key, text in wanted.items():
            if current.get(key) != text:
                st.query_params[key] = text

    def url_params(self) -> dict[str, str]:
        """The query parameters of the current view (non-default values only)."""
        out = {}
        for name, param in self.params.items():
            value = self[name]
            if value != param.default and value is not None:
                out[name] = dump_value(value)
        return out

    def query_string(self) -> str:
        """``?run=...&metric=...`` of the current view (empty when everything is default)."""
        params = self.url_params()
        return f"?{urlencode(params)}" if params else ""

    def share_link(self) -> str:
        """The full link that reopens the current view (falls back to the query string when the app's address is
        unknown, e.g. in tests)."""
        base = ""
        try:
            base = str(st.context.url or "")
        except (AttributeError, RuntimeError):
            base = ""
        return base.split("?", 1)[0] + self.query_string()

    # ----- values ---------------------------------------------------------------------------------------------
    def __getitem__(self, name: str) -> Any:
        return st.session_state.get(self.store_key(name), self.params[name].default)

    def set(self, name: str, value: Any) -> None:
        """Set a value (and its widget) from code; the URL follows."""
        st.session_state[self.store_key(name)] = value
        st.session_state[self.widget_key(name)] = value
        self._forget_link(name)
        self.write_url()

    def _changed(self, name: str) -> None:
        st.session_state[self.store_key(name)] = st.session_state[self.widget_key(name)]
        self._forget_link(name)
        self.write_url()

    def from_link(self, name: str) -> bool:
        """Whether the value of ``name`` is still the one a link (the URL) brought, not the user's own choice."""
        return name in st.session_state.get(self.store_key(_FROM_LINK), set())

    def _forget_link(self, name: str) -> None:
        linked = st.session_state.get(self.store_key(_FROM_LINK))
        if linked and name in linked:
            st.session_state[self.store_key(_FROM_LINK)] = linked - {name}

    def on_change(self, name: str) -> Callable[[], None]:
        """Callback for a widget editing ``name``."""
        return lambda: self._changed(name)

    def choose(self, name: str, options: Sequence[Any], fallback: Any = None) -> None:
        """Make sure the value of ``name`` is one of ``options`` (else ``fallback``, the default or the first
        option, in that order of preference)."""
        options = list(options)
        if not options:
            return
        value = self[name]
        if value in options:
            if st.session_state.get(self.widget_key(name)) not in options:
                st.session_state[self.widget_key(name)] = value
            return
        default = self.params[name].default
        fallback = next((v for v in (fallback, default) if v is not None and v in options), options[0])
        if value not in (default, None, "") and self.from_link(name):
            # only a value the visitor's link asked for deserves a notice; a selection that no longer fits after
            # the visitor changed another one (a new results source) just follows
            self.problems.append(f"'{value}' is not available for {name}; showing '{fallback}' instead.")
        self.set(name, fallback)

    def choose_many(self, name: str, options: Sequence[Any]) -> None:
        """Keep only the selected values of a multi-select that are among ``options``."""
        value = [v for v in (self[name] or []) if v in options]
        if value != list(self[name] or []):
            self.set(name, value)

    # ----- widgets ----------------------------------------------------------------------------------------------
    def selectbox(self, label: str, options: Sequence[Any], name: str, *, where: Any = st, fallback: Any = None,
                  **kwargs: Any) -> Any:
        """A selectbox editing ``name`` (value checked against ``options`` first, see :meth:`choose`)."""
        self.choose(name, options, fallback)
        return where.selectbox(label, list(options), key=self.widget_key(name), on_change=self.on_change(name),
                               **kwargs)

    def radio(self, label: str, options: Sequence[Any], name: str, *, where: Any = st, **kwargs: Any) -> Any:
        """Radio buttons editing ``name``."""
        self.choose(name, options)
        return where.radio(label, list(options), key=self.widget_key(name), on_change=self.on_change(name),
                           **kwargs)

    def multiselect(self, label: str, options: Sequence[Any], name: str, *, where: Any = st, **kwargs: Any) -> list:
        """A multi-select editing the list ``name``."""
        self.choose_many(name, options)
        return where.multiselect(label, list(options), key=self.widget_key(name), on_change=self.on_change(name),
                                 **kwargs)

    def text_input(self, label: str, name: str, *, where: Any = st, **kwargs: Any) -> str:
        """A text input editing ``name``."""
        return where.text_input(label, key=self.widget_key(name), on_change=self.on_change(name), **kwargs)

    def number_input(self, label: str, name: str, *, where: Any = st, **kwargs: Any) -> float:
        """A number input editing ``name``."""
        return where.number_input(label, key=self.widget_key(name), on_change=self.on_change(name), **kwargs)

    def slider(self, label: str, name: str, *, where: Any = st, **kwargs: Any) -> Any:
        """A slider editing ``name``."""
        return where.slider(label, key=self.widget_key(name), on_change=self.on_change(name), **kwargs)

    def toggle(self, label: str, name: str, *, where: Any = st, **kwargs: Any) -> bool:
        """A toggle editing the boolean ``name``."""
        return where.toggle(label, key=self.widget_key(name), on_change=self.on_change(name), **kwargs)

    def show_problems(self) -> None:
        """Show the messages about ignored link parameters (once)."""
        for message in dict.fromkeys(self.problems):
            st.info(message, icon=":material/link_off:")
        self.problems.clear()
