"""`transcript_wording`: the transcript's headings, facts and tags in the language in use,
for the browser's pane, the export preview and the files the window exports (the CLI
writes the service's English)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from operator_desktop.services.transcripts import TranscriptWording


def transcript_wording() -> TranscriptWording:
    return TranscriptWording(
        conversation=QCoreApplication.translate(
            "TranscriptWording", "Conversation #{id} with {who}"
        ),
        inbox=QCoreApplication.translate("TranscriptWording", "Inbox"),
        status=QCoreApplication.translate("TranscriptWording", "Status"),
        contact=QCoreApplication.translate("TranscriptWording", "Contact"),
        assignee=QCoreApplication.translate("TranscriptWording", "Assignee"),
        team=QCoreApplication.translate("TranscriptWording", "Team"),
        labels=QCoreApplication.translate("TranscriptWording", "Labels"),
        started=QCoreApplication.translate("TranscriptWording", "Started"),
        last_activity=QCoreApplication.translate("TranscriptWording", "Last activity"),
        server=QCoreApplication.translate("TranscriptWording", "Server"),
        server_account=QCoreApplication.translate("TranscriptWording", "{url} (account {account})"),
        customer=QCoreApplication.translate("TranscriptWording", "Customer"),
        agent=QCoreApplication.translate("TranscriptWording", "Agent"),
        private_note=QCoreApplication.translate("TranscriptWording", "private note"),
        deleted=QCoreApplication.translate("TranscriptWording", "[deleted]"),
        size=QCoreApplication.translate("TranscriptWording", "{size} bytes"),
        title=QCoreApplication.translate("TranscriptWording", "Operator Desktop transcripts"),
        title_redacted=QCoreApplication.translate(
            "TranscriptWording", "Operator Desktop transcripts (redacted)"
        ),
        statuses={
            "open": QCoreApplication.translate("TranscriptWording", "open"),
            "pending": QCoreApplication.translate("TranscriptWording", "pending"),
            "snoozed": QCoreApplication.translate("TranscriptWording", "snoozed"),
            "resolved": QCoreApplication.translate("TranscriptWording", "resolved"),
        },
        file_types={
            "image": QCoreApplication.translate("TranscriptWording", "image"),
            "audio": QCoreApplication.translate("TranscriptWording", "audio"),
            "video": QCoreApplication.translate("TranscriptWording", "video"),
            "file": QCoreApplication.translate("TranscriptWording", "file"),
            "location": QCoreApplication.translate("TranscriptWording", "location"),
            "contact": QCoreApplication.translate("TranscriptWording", "contact card"),
        },
        number=lambda n: QLocale().toString(n),  # 1 234 in Russian, 1,234 in English
    )
