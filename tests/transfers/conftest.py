import pytest

from deelwijzer.transfers.models import Transfer
from tests.disclosures.helpers import make_entries, sign_off_decision
from tests.transfers.test_transfer import prepare


@pytest.fixture
def pending(personas, client_for) -> Transfer:
    """A transfer of s1 and r1 from Het Baken to Jeugdhulp Noord, waiting for its decision."""
    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, client_for(personas.professional)).status_code == 302
    return Transfer.objects.get()
