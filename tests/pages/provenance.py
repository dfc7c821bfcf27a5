"""A page that shows one provenance card of a claim full of URLs, `www.` names and e-mail
addresses (tests.test_dashboard.HOSTILE_CLAIM), for the real-browser test of inert article text."""
import pandas as pd

from dashboard import ui
from tests.test_dashboard import HOSTILE_CLAIM

ui.show_provenance(pd.DataFrame([HOSTILE_CLAIM]))
