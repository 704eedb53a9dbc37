from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "annuaire.notifications"
    verbose_name = "Messages envoyés"

    def ready(self) -> None:
        from annuaire.directory.publication.signals import batch_transitioned, transitioned
        from annuaire.notifications.workflow import on_batch, on_transition

        transitioned.connect(on_transition, dispatch_uid="notifications.on_transition")
        batch_transitioned.connect(on_batch, dispatch_uid="notifications.on_batch")
