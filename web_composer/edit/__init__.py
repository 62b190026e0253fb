"""Follow-up edits of an output folder (`webcompose edit OUT "INSTRUCTION"`).

    result = edit_folder(Path("out/bakery"), "make the footer dark green and add a FAQ")

Modules: ``requests`` (the instruction -> operations, clause by clause), ``regions`` (finding the
part of a page an operation names), ``components`` (new sections and small parts), ``styles``
(the edit stylesheet that carries colours), ``dom`` (the built-in editor: operations applied to
the DOM), ``model`` (a model backend's edit turn), ``folder`` (the whole edit of an output folder:
evaluation, history/NN, atomic writes).
"""

from __future__ import annotations

from .folder import EditResult, edit_folder

__all__ = ["EditResult", "edit_folder"]
