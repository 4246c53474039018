"""The timeline, check, batch and rules workbooks (XLSX): ``sheets`` writes them, in the
``book`` every sheet shares."""
