"""Pure computations over plain data: no Django, nothing of ours imported."""
