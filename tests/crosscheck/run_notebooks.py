"""Executes every notebook of a folder top to bottom with nbclient (a real Jupyter kernel), and
prints what each printed. Exit 1 on an error in any cell (a failed assertion included).

usage: python run_notebooks.py NOTEBOOKS_DIR
"""
import sys
from pathlib import Path

import nbclient
import nbformat

folder = Path(sys.argv[1])
failed = 0
for path in sorted(folder.glob('*.ipynb')):
    nb = nbformat.read(path, as_version=4)
    try:
        nbclient.NotebookClient(nb, timeout=300, kernel_name='python3', resources={'metadata': {'path': str(folder)}}).execute()
    except Exception as e:  # a cell raised: the notebook fails
        failed += 1
        print(f'{path.name}: FAILED: {e}')
        continue
    for cell in nb.cells:
        for out in cell.get('outputs', []):
            if out.get('name') == 'stdout':
                print(out['text'], end='')
    print(f'{path.name}: ran')
sys.exit(1 if failed else 0)
