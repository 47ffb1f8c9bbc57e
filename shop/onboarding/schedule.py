"""When each onboarding email is due: the one place that turns "day N" into a time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings


def onboarding_steps() -> list[tuple[str, int]]:
    """The sequence as (step code, days after payment), from settings.ONBOARDING_STEPS."""
    return [(code, int(day)) for code, day in settings.ONBOARDING_STEPS]


def onboarding_send_time(*, paid_at: datetime, day: int) -> datetime:
    """The moment the email for `day` is due, for an order paid at `paid_at` (aware).

    Day 0 goes out shortly after payment. Later days go out at the shop's local send
    time (19:00 by default) on the calendar day `day` days after the payment's local
    date, so a daylight-saving change in between keeps the local hour, not the offset.
    """
    if day == 0:
        return paid_at + timedelta(minutes=settings.ONBOARDING_FIRST_DELAY_MINUTES)
    shop_zone = ZoneInfo(settings.TIME_ZONE)
    local_date = paid_at.astimezone(shop_zone).date() + timedelta(days=day)
    hour, minute = (int(part) for part in settings.ONBOARDING_SEND_TIME.split(":"))
    # zoneinfo resolves the offset valid on that date (EST or EDT). An evening hour
    # never falls in a DST gap or fold, which happen in the small hours.
    return datetime.combine(local_date, time(hour, minute), tzinfo=shop_zone)
