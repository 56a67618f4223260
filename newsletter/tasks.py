"""The worker's side of the Rabat Review: each task sends one batch of a
campaign and queues the next, so that other mail (confirmations, for
instance) is not held up behind a whole campaign."""

from django_tasks import task

from newsletter.services import sending


@task()
def send_campaign_batch(campaign_id: int) -> int:
    """Send one batch of the campaign; returns how many deliveries it took."""
    claimed = sending.send_batch(campaign_id=campaign_id, batch_size=sending.BATCH_SIZE)
    sending.campaign_continue(campaign_id=campaign_id, claimed=claimed)
    return claimed
