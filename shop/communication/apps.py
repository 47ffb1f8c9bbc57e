"""Oscar's communication app, forked: its emails are queued and sent by Celery."""

import oscar.apps.communication.apps as apps


class CommunicationConfig(apps.CommunicationConfig):
    name = "shop.communication"
