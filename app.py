"""Hybrid Batch Lab dashboard: ``streamlit run app.py`` (or ``bash scripts/app.sh``; ``--viewer`` or
``HBL_MODE=viewer`` for the read-only viewer, see docs/dashboard.md).

This file only sets up navigation (the viewer's has no Launch page); every page lives in ``pages/`` and does its
work through :mod:`hybrid_core` (via the cached getters of :mod:`ui.cache`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

PAGES_DIR = Path(__file__).resolve().parent / "pages"

#: Navigation sections: (file, title, Material icon). A page's URL path is its file stem ("/heatmaps"), the same
#: name Streamlit's pages/ folder convention gives it, so a link never lands on "page not found".
SECTIONS: dict[str, list[tuple[str, str, str]]] = {
    "Lab": [("home.py", "Home", ":material/home:"),
            ("launch.py", "Launch runs", ":material/rocket_launch:")],
    "Results": [("heatmaps.py", "Heatmaps", ":material/grid_on:"),
                ("alpha_curves.py", "α curves", ":material/show_chart:"),
                ("pareto.py", "Pareto view", ":material/scatter_plot:")],
    "Language bias": [("bias_probe.py", "Bias probe", ":material/travel_explore:"),
                      ("bias_overview.py", "Bias overview", ":material/bubble_chart:")],
}


#: Addresses that keep the lab on this machine (anything else is warned about in lab mode).
LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1"}
#: Pages a read-only viewer does not get (``HBL_MODE=viewer``): their URL is then "page not found" (Home).
LAB_ONLY = {"launch.py"}


def sections(viewer: bool) -> dict[str, list[tuple[str, str, str]]]:
    """The navigation sections of a mode: the viewer's lack the lab-only pages."""
    return {section: [entry for entry in entries if not (viewer and entry[0] in LAB_ONLY)]
            for section, entries in SECTIONS.items()}


def build_navigation(position: str = "sidebar", *, viewer: bool = False) -> StreamlitPage:
    """The app's pages in their sections (Home is the default page); ``viewer`` leaves out the lab-only pages."""
    pages = {
        section: [st.Page(PAGES_DIR / file, title=title, icon=icon, url_path=Path(file).stem,
                          default=(file == "home.py"))
                  for file, title, icon in entries]
        for section, entries in sections(viewer).items() if entries
    }
    return st.navigation(pages, position=position)


def main() -> None:
    """Configure the page and run the selected one; an unexpected failure is a message, not a traceback."""
    from hybrid_core.access import AccessConfigError, is_viewer

    st.set_page_config(page_title="Hybrid Batch Lab", page_icon=":material/science:", layout="wide")
    try:
        viewer = is_viewer()
    except AccessConfigError as exc:
        st.error(f"The dashboard is misconfigured: {exc}", icon=":material/error:")
        return
    page = build_navigation(viewer=viewer)
    from ui import cache

    address = str(st.get_option("server.address") or "localhost")
    if not viewer and address not in LOCAL_ADDRESSES:
        st.sidebar.warning(f"This full lab listens on {address}: whoever reaches it can launch runs. To share "
                           "results, serve the read-only viewer (HBL_MODE=viewer, docs/dashboard.md).",
                           icon=":material/warning:")
    cache.warm_published()
    try:
        page.run()
    except Exception as exc:  # st.rerun / st.stop are BaseExceptions and pass through
        logging.getLogger("hybrid_core.app").exception("page %s failed", page.title)
        st.error(f"This page failed ({type(exc).__name__}: {exc}). The details are in the server log.",
                 icon=":material/error:")


if __name__ == "__main__":
    main()
