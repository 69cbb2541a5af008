<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>AttachmentKind</name>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Audio message</source>
        <translation>Audio message</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>AttributeRow</name>
    <message>
        <source>Enter a number.</source>
        <translation>Enter a number.</translation>
    </message>
    <message>
        <source>Enter a web address, for example https://example.com.</source>
        <translation>Enter a web address, for example https://example.com.</translation>
    </message>
    <message>
        <source>Choose one of the listed values.</source>
        <translation>Choose one of the listed values.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Enter a date as YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>This value is not in the format.</source>
        <translation>This value is not in the format.</translation>
    </message>
    <message>
        <source>Add a link</source>
        <translation>Add a link</translation>
    </message>
    <message>
        <source>Add a number</source>
        <translation>Add a number</translation>
    </message>
    <message>
        <source>Add a value</source>
        <translation>Add a value</translation>
    </message>
</context>
<context>
    <name>BellButton</name>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n unread notification</numerusform>
            <numerusform>%n unread notifications</numerusform>
        </translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
</context>
<context>
    <name>BellModel</name>
    <message>
        <source>New conversation</source>
        <translation>New conversation</translation>
    </message>
    <message>
        <source>Assigned to you by {name}</source>
        <translation>Assigned to you by {name}</translation>
    </message>
    <message>
        <source>Assigned to you</source>
        <translation>Assigned to you</translation>
    </message>
    <message>
        <source>{name} mentioned you</source>
        <translation>{name} mentioned you</translation>
    </message>
    <message>
        <source>You were mentioned</source>
        <translation>You were mentioned</translation>
    </message>
    <message>
        <source>New message in your conversation</source>
        <translation>New message in your conversation</translation>
    </message>
    <message>
        <source>New message in a conversation you take part in</source>
        <translation>New message in a conversation you take part in</translation>
    </message>
    <message>
        <source>SLA missed</source>
        <translation>SLA missed</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Notification</translation>
    </message>
</context>
<context>
    <name>BellPanel</name>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Mark all read</translation>
    </message>
    <message>
        <source>No notifications</source>
        <translation>No notifications</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Show more</translation>
    </message>
    <message>
        <source>The notifications could not be read: {reason}</source>
        <translation>The notifications could not be read: {reason}</translation>
    </message>
    <message>
        <source>Open conversation</source>
        <translation>Open conversation</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Mark as unread</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>CannedDialog</name>
    <message>
        <source>New canned response</source>
        <translation>New canned response</translation>
    </message>
    <message>
        <source>Edit canned response</source>
        <translation>Edit canned response</translation>
    </message>
    <message>
        <source>e.g. refund</source>
        <translation>e.g. refund</translation>
    </message>
    <message>
        <source>Typed after / in the reply box to insert the text</source>
        <translation>Typed after / in the reply box to insert the text</translation>
    </message>
    <message>
        <source>The text inserted into the reply</source>
        <translation>The text inserted into the reply</translation>
    </message>
    <message>
        <source>Short code:</source>
        <translation>Short code:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
</context>
<context>
    <name>ChatListDelegate</name>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>Draft:</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>typing…</translation>
    </message>
</context>
<context>
    <name>ChatListWidget</name>
    <message>
        <source>Search conversations and messages</source>
        <translation>Search conversations and messages</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>Waiting time</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Sort order</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>All inboxes</source>
        <translation>All inboxes</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>All labels</translation>
    </message>
    <message>
        <source>Loading conversations…</source>
        <translation>Loading conversations…</translation>
    </message>
    <message>
        <source>Nothing matches</source>
        <translation>Nothing matches</translation>
    </message>
    <message>
        <source>No conversations here</source>
        <translation>No conversations here</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <source>median %1, 90% within %2</source>
        <translation>median %1, 90% within %2</translation>
    </message>
    <message>
        <source>average %1</source>
        <translation>average %1</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>%1 handled</source>
        <translation>%1 handled</translation>
    </message>
    <message>
        <source>%1 assigned</source>
        <translation>%1 assigned</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Reply time</source>
        <translation>Reply time</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>Resolution time</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>From the cache</source>
        <translation>From the cache</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Private note</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Attach</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Replying to: {text}</source>
        <translation>Replying to: {text}</translation>
    </message>
    <message>
        <source>Private note: only your team sees it. Type / for canned responses</source>
        <translation>Private note: only your team sees it. Type / for canned responses</translation>
    </message>
    <message>
        <source>Reply to the customer. Type / for canned responses</source>
        <translation>Reply to the customer. Type / for canned responses</translation>
    </message>
    <message>
        <source>Enter to send · Shift+Enter for a new line</source>
        <translation>Enter to send · Shift+Enter for a new line</translation>
    </message>
    <message>
        <source>Ctrl+Enter to send</source>
        <translation>Ctrl+Enter to send</translation>
    </message>
    <message>
        <source>signature added</source>
        <translation>signature added</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>+4915112345678</source>
        <translation>+4915112345678</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Enter a name.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Snooze</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>More</source>
        <translation>More</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>More actions</translation>
    </message>
    <message>
        <source>Unknown contact</source>
        <translation>Unknown contact</translation>
    </message>
    <message>
        <source>Assigned to {name}</source>
        <translation>Assigned to {name}</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Team: {name}</source>
        <translation>Team: {name}</translation>
    </message>
    <message>
        <source>Priority: {p}</source>
        <translation>Priority: {p}</translation>
    </message>
    <message>
        <source>Snoozed until {time}</source>
        <translation>Snoozed until {time}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Reopen conversation</source>
        <translation>Reopen conversation</translation>
    </message>
    <message>
        <source>Reopening will assign this conversation to you instead of {name}.</source>
        <translation>Reopening will assign this conversation to you instead of {name}.</translation>
    </message>
    <message>
        <source>the current assignee</source>
        <translation>the current assignee</translation>
    </message>
    <message>
        <source>Chatwoot assigns reopened conversations to the agent.</source>
        <translation>Chatwoot assigns reopened conversations to the agent.</translation>
    </message>
    <message>
        <source>Reopen and assign to me</source>
        <translation>Reopen and assign to me</translation>
    </message>
    <message>
        <source>Set pending instead</source>
        <translation>Set pending instead</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>For 1 hour</translation>
    </message>
    <message>
        <source>Until tomorrow, 9:00</source>
        <translation>Until tomorrow, 9:00</translation>
    </message>
    <message>
        <source>Until next week (Monday 9:00)</source>
        <translation>Until next week (Monday 9:00)</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Assign to me</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Unassign</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>No team</translation>
    </message>
    <message>
        <source>No labels defined</source>
        <translation>No labels defined</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Select a conversation</source>
        <translation>Select a conversation</translation>
    </message>
    <message>
        <source>New messages ↓</source>
        <translation>New messages ↓</translation>
    </message>
    <message>
        <source>Loading older messages…</source>
        <translation>Loading older messages…</translation>
    </message>
    <message>
        <source>{name} is writing a private note…</source>
        <translation>{name} is writing a private note…</translation>
    </message>
    <message>
        <source>{name} is typing…</source>
        <translation>{name} is typing…</translation>
    </message>
    <message>
        <source>{a} and {b} are typing…</source>
        <translation>{a} and {b} are typing…</translation>
    </message>
    <message numerus="yes">
        <source>%n people are typing…</source>
        <translation>
            <numerusform>%n person is typing…</numerusform>
            <numerusform>%n people are typing…</numerusform>
        </translation>
    </message>
    <message>
        <source>Attachment not opened</source>
        <translation>Attachment not opened</translation>
    </message>
    <message>
        <source>“{name}” is a program or a script: opening it could run it.</source>
        <translation>“{name}” is a program or a script: opening it could run it.</translation>
    </message>
    <message>
        <source>Save it and check it with your security tools before you open it.</source>
        <translation>Save it and check it with your security tools before you open it.</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>View image {name}</source>
        <translation>View image {name}</translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation>Open {name}</translation>
    </message>
    <message>
        <source>Save {name}…</source>
        <translation>Save {name}…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Contact attributes</source>
        <translation>Contact attributes</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Previous conversations</source>
        <translation>Previous conversations</translation>
    </message>
    <message>
        <source>No other conversations with this contact.</source>
        <translation>No other conversations with this contact.</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>No conversation open</translation>
    </message>
    <message>
        <source>The customer&apos;s details appear here.</source>
        <translation>The customer&apos;s details appear here.</translation>
    </message>
    <message>
        <source>Edit name, email and phone</source>
        <translation>Edit name, email and phone</translation>
    </message>
    <message>
        <source>Copy email</source>
        <translation>Copy email</translation>
    </message>
    <message>
        <source>Copy phone number</source>
        <translation>Copy phone number</translation>
    </message>
    <message>
        <source>No email or phone number.</source>
        <translation>No email or phone number.</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Operating system</translation>
    </message>
    <message>
        <source>Referrer: the page the chat started on</source>
        <translation>Referrer: the page the chat started on</translation>
    </message>
    <message>
        <source>No customer details</source>
        <translation>No customer details</translation>
    </message>
    <message>
        <source>Unnamed contact</source>
        <translation>Unnamed contact</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>No attribute definition on the server</source>
        <translation>No attribute definition on the server</translation>
    </message>
    <message>
        <source>Notes could not be loaded. {0}</source>
        <translation>Notes could not be loaded. {0}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Open conversation #{0}</source>
        <translation>Open conversation #{0}</translation>
    </message>
    <message>
        <source>No messages</source>
        <translation>No messages</translation>
    </message>
</context>
<context>
    <name>DesktopNotifications</name>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Assign to me</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>New conversation</translation>
    </message>
    <message>
        <source>Assigned to you</source>
        <translation>Assigned to you</translation>
    </message>
    <message>
        <source>You were mentioned</source>
        <translation>You were mentioned</translation>
    </message>
    <message>
        <source>The customer is waiting for an answer</source>
        <translation>The customer is waiting for an answer</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>New message</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n more</numerusform>
            <numerusform>%n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditReplyDialog</name>
    <message>
        <source>Edit reply</source>
        <translation>Edit reply</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Send again</translation>
    </message>
</context>
<context>
    <name>ElidedComboBox</name>
    <message>
        <source>{field}: {value}</source>
        <translation>{field}: {value}</translation>
    </message>
</context>
<context>
    <name>ErrorNotice</name>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Copy what went wrong, to paste into a bug report</source>
        <translation>Copy what went wrong, to paste into a bug report</translation>
    </message>
    <message>
        <source>Something went wrong. The details are in {0}.</source>
        <translation>Something went wrong. The details are in {0}.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Something went wrong.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export transcripts</source>
        <translation>Export transcripts</translation>
    </message>
    <message>
        <source>This conversation</source>
        <translation>This conversation</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything matching…</source>
        <translation>Everything matching…</translation>
    </message>
    <message numerus="yes">
        <source>Everything matching (%n)</source>
        <translation>
            <numerusform>Everything matching (%n)</numerusform>
            <numerusform>Everything matching (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF document</translation>
    </message>
    <message>
        <source>Web page (HTML)</source>
        <translation>Web page (HTML)</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Plain text</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Replace personal data (e-mails, phones, cards, IBANs)</source>
        <translation>Replace personal data (e-mails, phones, cards, IBANs)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Export:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <source>Nothing to export.</source>
        <translation>Nothing to export.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Export to</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Export stopped; nothing was written.</source>
        <translation>Export stopped; nothing was written.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>Exported %n conversation to %1.</numerusform>
            <numerusform>Exported %n conversations to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
</context>
<context>
    <name>GuardBar</name>
    <message>
        <source>Rude wording</source>
        <translation>Rude wording</translation>
    </message>
    <message>
        <source>Shouting in capitals</source>
        <translation>Shouting in capitals</translation>
    </message>
    <message>
        <source>A colleague&apos;s @mention</source>
        <translation>A colleague&apos;s @mention</translation>
    </message>
    <message>
        <source>an e-mail address</source>
        <translation>an e-mail address</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>a phone number</translation>
    </message>
    <message>
        <source>a card number</source>
        <translation>a card number</translation>
    </message>
    <message>
        <source>an IBAN</source>
        <translation>an IBAN</translation>
    </message>
    <message>
        <source>a passport number</source>
        <translation>a passport number</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Personal data: {kind}</source>
        <translation>Personal data: {kind}</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Send anyway</translation>
    </message>
    <message>
        <source>Send the reply as it is (Enter)</source>
        <translation>Send the reply as it is (Enter)</translation>
    </message>
    <message>
        <source>Make it a private note</source>
        <translation>Make it a private note</translation>
    </message>
    <message>
        <source>Send it to your team only, not to the customer</source>
        <translation>Send it to your team only, not to the customer</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Back to the reply to change it (Esc)</source>
        <translation>Back to the reply to change it (Esc)</translation>
    </message>
    <message numerus="yes">
        <source>This reply may break the chat rules (%n finding(s)):</source>
        <translation>
            <numerusform>This reply may break the chat rules (%n finding):</numerusform>
            <numerusform>This reply may break the chat rules (%n findings):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>This image cannot be shown: {error}</source>
        <translation>This image cannot be shown: {error}</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>Invite an agent</source>
        <translation>Invite an agent</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>A new address gets an invitation from the server to set a password. Someone who already has an account joins this one as they are.</source>
        <translation>A new address gets an invitation from the server to set a password. Someone who already has an account joins this one as they are.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Operator Desktop</source>
        <translation>Operator Desktop</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Next conversation</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Previous conversation</translation>
    </message>
    <message>
        <source>Next unread conversation</source>
        <translation>Next unread conversation</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Transcripts…</source>
        <translation>Transcripts…</translation>
    </message>
    <message>
        <source>My statistics…</source>
        <translation>My statistics…</translation>
    </message>
    <message>
        <source>Team…</source>
        <translation>Team…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversation</translation>
    </message>
    <message>
        <source>No unread conversation is assigned to you.</source>
        <translation>No unread conversation is assigned to you.</translation>
    </message>
    <message>
        <source>Another program holds {keys}: no global hotkey.</source>
        <translation>Another program holds {keys}: no global hotkey.</translation>
    </message>
    <message>
        <source>{keys} cannot be a global hotkey here.</source>
        <translation>{keys} cannot be a global hotkey here.</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Assign to me</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Follow the system theme</source>
        <translation>Follow the system theme</translation>
    </message>
    <message>
        <source>Light theme</source>
        <translation>Light theme</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>Dark theme</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>Preferences…</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>Sign out…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Private note</source>
        <translation>Private note</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>{error} · Tap to retry</source>
        <translation>{error} · Tap to retry</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>This message was deleted</translation>
    </message>
    <message numerus="yes">
        <source>… %n more characters (Copy takes the whole text)</source>
        <translation>
            <numerusform>… %n more character (Copy takes the whole text)</numerusform>
            <numerusform>… %n more characters (Copy takes the whole text)</numerusform>
        </translation>
    </message>
    <message>
        <source>Image unavailable</source>
        <translation>Image unavailable</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <source>Add a note about this contact…</source>
        <translation>Add a note about this contact…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Add the note (Ctrl+Enter)</source>
        <translation>Add the note (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Loading notes…</source>
        <translation>Loading notes…</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>No notes yet.</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Adding…</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Sign in again</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Try saving again now</source>
        <translation>Try saving again now</translation>
    </message>
    <message>
        <source>Sign-in expired — sign in again to reconnect.</source>
        <translation>Sign-in expired — sign in again to reconnect.</translation>
    </message>
    <message>
        <source>The disk is full — new messages are not being saved. Everything already here can still be read. Free some space: the app catches up by itself.</source>
        <translation>The disk is full — new messages are not being saved. Everything already here can still be read. Free some space: the app catches up by itself.</translation>
    </message>
    <message>
        <source>The data folder cannot be written — new messages are not being saved. Everything already here can still be read.</source>
        <translation>The data folder cannot be written — new messages are not being saved. Everything already here can still be read.</translation>
    </message>
    <message>
        <source>Offline — showing cached conversations (last synced {0})</source>
        <translation>Offline — showing cached conversations (last synced {0})</translation>
    </message>
    <message>
        <source>Offline — showing cached conversations</source>
        <translation>Offline — showing cached conversations</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>Waiting customers</source>
        <translation>Waiting customers</translation>
    </message>
    <message>
        <source>Timer turns amber after</source>
        <translation>Timer turns amber after</translation>
    </message>
    <message>
        <source>Timer turns red after</source>
        <translation>Timer turns red after</translation>
    </message>
    <message>
        <source>Closing the window keeps the app running in the tray</source>
        <translation>Closing the window keeps the app running in the tray</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter sends, Enter starts a new line</translation>
    </message>
    <message>
        <source>Add my signature to replies (not to private notes)</source>
        <translation>Add my signature to replies (not to private notes)</translation>
    </message>
    <message>
        <source>Your signature, e.g. your name and role</source>
        <translation>Your signature, e.g. your name and role</translation>
    </message>
    <message>
        <source>The signature is kept in your Chatwoot profile.</source>
        <translation>The signature is kept in your Chatwoot profile.</translation>
    </message>
    <message>
        <source>Check private notes against the chat rules too (replies always are)</source>
        <translation>Check private notes against the chat rules too (replies always are)</translation>
    </message>
    <message>
        <source>Suggest replies from canned responses and earlier answers (Alt+1…3)</source>
        <translation>Suggest replies from canned responses and earlier answers (Alt+1…3)</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Replies</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>As the system</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>forever</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Conversations inactive for longer leave this computer&apos;s cache and search (they stay on the server). Unsent replies and drafts are kept.</source>
        <translation>Conversations inactive for longer leave this computer&apos;s cache and search (they stay on the server). Unsent replies and drafts are kept.</translation>
    </message>
    <message>
        <source>Encrypt the cache and downloaded files</source>
        <translation>Encrypt the cache and downloaded files</translation>
    </message>
    <message>
        <source>Encrypted: its key is kept in the system keyring. Turning this off closes and reopens the window.</source>
        <translation>Encrypted: its key is kept in the system keyring. Turning this off closes and reopens the window.</translation>
    </message>
    <message>
        <source>Not encrypted. Turning this on closes and reopens the window; a large cache takes a minute.</source>
        <translation>Not encrypted. Turning this on closes and reopens the window; a large cache takes a minute.</translation>
    </message>
    <message>
        <source>Not encrypted: the system keyring cannot keep its key on this computer.</source>
        <translation>Not encrypted: the system keyring cannot keep its key on this computer.</translation>
    </message>
    <message>
        <source>Global hotkey</source>
        <translation>Global hotkey</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>Keep conversations</source>
        <translation>Keep conversations</translation>
    </message>
    <message>
        <source>Needs an X11 desktop session: this one has no X display.</source>
        <translation>Needs an X11 desktop session: this one has no X display.</translation>
    </message>
    <message>
        <source>Not available on Windows and macOS yet.</source>
        <translation>Not available on Windows and macOS yet.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Show desktop notifications</source>
        <translation>Show desktop notifications</translation>
    </message>
    <message>
        <source>A customer writes in a conversation of mine</source>
        <translation>A customer writes in a conversation of mine</translation>
    </message>
    <message>
        <source>Every new customer message in my inboxes</source>
        <translation>Every new customer message in my inboxes</translation>
    </message>
    <message>
        <source>A new unassigned conversation</source>
        <translation>A new unassigned conversation</translation>
    </message>
    <message>
        <source>A conversation is assigned to me</source>
        <translation>A conversation is assigned to me</translation>
    </message>
    <message>
        <source>I am @mentioned in a private note</source>
        <translation>I am @mentioned in a private note</translation>
    </message>
    <message>
        <source>A customer waits longer than the red threshold</source>
        <translation>A customer waits longer than the red threshold</translation>
    </message>
    <message>
        <source>The server&apos;s own notifications (the bell)</source>
        <translation>The server&apos;s own notifications (the bell)</translation>
    </message>
    <message>
        <source>Hide message texts (show “New message”)</source>
        <translation>Hide message texts (show “New message”)</translation>
    </message>
    <message>
        <source>While you are busy only mentions and assignments notify.</source>
        <translation>While you are busy only mentions and assignments notify.</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>Play sounds</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Repeat every 30 s while a conversation of mine waits unread</source>
        <translation>Repeat every 30 s while a conversation of mine waits unread</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Not available on Wayland, which gives no global hotkey to programs: add a shortcut that starts Operator Desktop in the desktop&apos;s keyboard settings (starting it again brings up its window).</source>
        <translation>Not available on Wayland, which gives no global hotkey to programs: add a shortcut that starts Operator Desktop in the desktop&apos;s keyboard settings (starting it again brings up its window).</translation>
    </message>
    <message>
        <source>Another program holds {keys}: choose another combination.</source>
        <translation>Another program holds {keys}: choose another combination.</translation>
    </message>
    <message>
        <source>{keys} cannot be a global hotkey: use Ctrl, Alt or Meta.</source>
        <translation>{keys} cannot be a global hotkey: use Ctrl, Alt or Meta.</translation>
    </message>
    <message>
        <source>From any program, the combination brings up the next unread conversation assigned to you.</source>
        <translation>From any program, the combination brings up the next unread conversation assigned to you.</translation>
    </message>
    <message>
        <source>The red threshold must be later than the amber one.</source>
        <translation>The red threshold must be later than the amber one.</translation>
    </message>
    <message>
        <source>The signature was not saved: {reason}</source>
        <translation>The signature was not saved: {reason}</translation>
    </message>
</context>
<context>
    <name>QuickReplyWindow</name>
    <message>
        <source>Reply to the customer. Type / for canned responses</source>
        <translation>Reply to the customer. Type / for canned responses</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Open in window</source>
        <translation>Open in window</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Private note</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Reply to {name}</source>
        <translation>Reply to {name}</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>No messages yet</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, Esc closes</source>
        <translation>Enter sends, Shift+Enter starts a new line, Esc closes</translation>
    </message>
    <message>
        <source>signature added</source>
        <translation>signature added</translation>
    </message>
    <message>
        <source>Private note: only your team sees it. Type / for canned responses</source>
        <translation>Private note: only your team sees it. Type / for canned responses</translation>
    </message>
</context>
<context>
    <name>RepliesByHourChart</name>
    <message>
        <source>Replies by hour of day</source>
        <translation>Replies by hour of day</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Replies</translation>
    </message>
</context>
<context>
    <name>ResponseTimesChart</name>
    <message>
        <source>How fast I answered</source>
        <translation>How fast I answered</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Reply time</source>
        <translation>Reply time</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — Operator Desktop</source>
        <translation>Sign in — Operator Desktop</translation>
    </message>
    <message>
        <source>Sign in to Chatwoot</source>
        <translation>Sign in to Chatwoot</translation>
    </message>
    <message>
        <source>https://chat.example.com</source>
        <translation>https://chat.example.com</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Try the demo</translation>
    </message>
    <message>
        <source>Explore the app with a built-in demo server and sample conversations</source>
        <translation>Explore the app with a built-in demo server and sample conversations</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>you@company.com</source>
        <translation>you@company.com</translation>
    </message>
    <message>
        <source>Use an access token instead</source>
        <translation>Use an access token instead</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Paste your access token</source>
        <translation>Paste your access token</translation>
    </message>
    <message>
        <source>In Chatwoot, open Profile settings and copy the access token.</source>
        <translation>In Chatwoot, open Profile settings and copy the access token.</translation>
    </message>
    <message>
        <source>Use email and password instead</source>
        <translation>Use email and password instead</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Access token</translation>
    </message>
    <message>
        <source>You belong to several accounts. Choose the one to open:</source>
        <translation>You belong to several accounts. Choose the one to open:</translation>
    </message>
    <message>
        <source>Use the email and password of your agent account.</source>
        <translation>Use the email and password of your agent account.</translation>
    </message>
    <message>
        <source>Sign in with a personal access token.</source>
        <translation>Sign in with a personal access token.</translation>
    </message>
    <message>
        <source>Two-factor authentication</source>
        <translation>Two-factor authentication</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Choose an account</source>
        <translation>Choose an account</translation>
    </message>
    <message>
        <source>Enter one of your backup codes.</source>
        <translation>Enter one of your backup codes.</translation>
    </message>
    <message>
        <source>Backup code</source>
        <translation>Backup code</translation>
    </message>
    <message>
        <source>Use the authenticator app instead</source>
        <translation>Use the authenticator app instead</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Enter the 6-digit code from your authenticator app.</translation>
    </message>
    <message>
        <source>Use a backup code instead</source>
        <translation>Use a backup code instead</translation>
    </message>
    <message>
        <source>The server did not accept this access token.</source>
        <translation>The server did not accept this access token.</translation>
    </message>
    <message>
        <source>This address does not look like a Chatwoot server. Check the server address.</source>
        <translation>This address does not look like a Chatwoot server. Check the server address.</translation>
    </message>
    <message>
        <source>That backup code was not accepted.</source>
        <translation>That backup code was not accepted.</translation>
    </message>
    <message>
        <source>Enter the server address, for example https://chat.example.com.</source>
        <translation>Enter the server address, for example https://chat.example.com.</translation>
    </message>
    <message>
        <source>Enter the email address you sign in to Chatwoot with.</source>
        <translation>Enter the email address you sign in to Chatwoot with.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Enter a backup code.</source>
        <translation>Enter a backup code.</translation>
    </message>
    <message>
        <source>Enter the 6 digits your authenticator app shows.</source>
        <translation>Enter the 6 digits your authenticator app shows.</translation>
    </message>
    <message>
        <source>Paste your access token.</source>
        <translation>Paste your access token.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>{0}  ·  {1}</source>
        <translation>{0}  ·  {1}</translation>
    </message>
    <message>
        <source>{0}  ·  suspended</source>
        <translation>{0}  ·  suspended</translation>
    </message>
    <message>
        <source>This account is suspended and cannot be opened.</source>
        <translation>This account is suspended and cannot be opened.</translation>
    </message>
    <message>
        <source>Choose an account.</source>
        <translation>Choose an account.</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze until</source>
        <translation>Snooze until</translation>
    </message>
    <message>
        <source>Snooze this conversation until:</source>
        <translation>Snooze this conversation until:</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <source>0–1 min</source>
        <translation>0–1 min</translation>
    </message>
    <message>
        <source>1–5 min</source>
        <translation>1–5 min</translation>
    </message>
    <message>
        <source>5–15 min</source>
        <translation>5–15 min</translation>
    </message>
    <message>
        <source>15–60 min</source>
        <translation>15–60 min</translation>
    </message>
    <message>
        <source>1–4 h</source>
        <translation>1–4 h</translation>
    </message>
    <message>
        <source>4 h +</source>
        <translation>4 h +</translation>
    </message>
</context>
<context>
    <name>StatsFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <source>My statistics — Operator Desktop</source>
        <translation>My statistics — Operator Desktop</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Compute again (F5)</source>
        <translation>Compute again (F5)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Export PNG…</translation>
    </message>
    <message>
        <source>Conversations handled</source>
        <translation>Conversations handled</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>Messages sent</translation>
    </message>
    <message>
        <source>First response (median)</source>
        <translation>First response (median)</translation>
    </message>
    <message>
        <source>Reply time (median)</source>
        <translation>Reply time (median)</translation>
    </message>
    <message>
        <source>Customers waiting now</source>
        <translation>Customers waiting now</translation>
    </message>
    <message>
        <source>Why they differ: the server counts from its own reporting events over the whole history, while these figures come from what this computer has cached (older messages of a conversation may not be). The server gives averages, which a few slow answers pull up; here they are medians and 90th percentiles. Its first response runs from when the conversation was created, its conversations are those created in the period and now assigned to you, and with business hours on it counts working time only.</source>
        <translation>Why they differ: the server counts from its own reporting events over the whole history, while these figures come from what this computer has cached (older messages of a conversation may not be). The server gives averages, which a few slow answers pull up; here they are medians and 90th percentiles. Its first response runs from when the conversation was created, its conversations are those created in the period and now assigned to you, and with business hours on it counts working time only.</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Beside the server&apos;s figures</source>
        <translation>Beside the server&apos;s figures</translation>
    </message>
    <message>
        <source>Asking the server for its figures…</source>
        <translation>Asking the server for its figures…</translation>
    </message>
    <message>
        <source>Nothing is cached for %1.

The statistics are computed from the conversations this computer has cached; choose another period, or let the app sync while online.</source>
        <translation>Nothing is cached for %1.

The statistics are computed from the conversations this computer has cached; choose another period, or let the app sync while online.</translation>
    </message>
    <message>
        <source>with a reply of mine</source>
        <translation>with a reply of mine</translation>
    </message>
    <message>
        <source>marked resolved by me</source>
        <translation>marked resolved by me</translation>
    </message>
    <message>
        <source>replies and private notes</source>
        <translation>replies and private notes</translation>
    </message>
    <message>
        <source>open, mine, awaiting a reply</source>
        <translation>open, mine, awaiting a reply</translation>
    </message>
    <message numerus="yes">
        <source>Computed from %n conversation(s) cached for %1; the cache holds messages since %2.</source>
        <translation>
            <numerusform>Computed from %n conversation cached for %1; the cache holds messages since %2.</numerusform>
            <numerusform>Computed from %n conversations cached for %1; the cache holds messages since %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing measured</source>
        <translation>nothing measured</translation>
    </message>
    <message numerus="yes">
        <source>90% within %1 · %n measured</source>
        <translation>
            <numerusform>90% within %1 · %n measured</numerusform>
            <numerusform>90% within %1 · %n measured</numerusform>
        </translation>
    </message>
    <message>
        <source>The server&apos;s report has no row for you.</source>
        <translation>The server&apos;s report has no row for you.</translation>
    </message>
    <message>
        <source>The server&apos;s own figures for the same period.</source>
        <translation>The server&apos;s own figures for the same period.</translation>
    </message>
    <message>
        <source>Server figures unavailable offline: showing the cached ones only.</source>
        <translation>Server figures unavailable offline: showing the cached ones only.</translation>
    </message>
    <message>
        <source>The server shows its reports to administrators only.</source>
        <translation>The server shows its reports to administrators only.</translation>
    </message>
    <message>
        <source>The server&apos;s figures could not be read: %1</source>
        <translation>The server&apos;s figures could not be read: %1</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>Export charts</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
</context>
<context>
    <name>StatusBarWidget</name>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Your availability for this account</source>
        <translation>Your availability for this account</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <source>Offline since {0}</source>
        <translation>Offline since {0}</translation>
    </message>
    <message>
        <source>Synced {0}</source>
        <translation>Synced {0}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>First sync: {0} of {1}</source>
        <translation>First sync: {0} of {1}</translation>
    </message>
    <message>
        <source>Availability not changed</source>
        <translation>Availability not changed</translation>
    </message>
</context>
<context>
    <name>SuggestionRow</name>
    <message>
        <source>Suggested:</source>
        <translation>Suggested:</translation>
    </message>
    <message>
        <source>Canned response /{code}</source>
        <translation>Canned response /{code}</translation>
    </message>
    <message>
        <source>Your team&apos;s earlier reply to a similar question</source>
        <translation>Your team&apos;s earlier reply to a similar question</translation>
    </message>
    <message>
        <source>Alt+{n} or click inserts it</source>
        <translation>Alt+{n} or click inserts it</translation>
    </message>
</context>
<context>
    <name>TeamWindow</name>
    <message>
        <source>Team — Operator Desktop</source>
        <translation>Team — Operator Desktop</translation>
    </message>
    <message>
        <source>Only administrators can change the team. You see it as it is.</source>
        <translation>Only administrators can change the team. You see it as it is.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Read the lists from the server again (F5)</source>
        <translation>Read the lists from the server again (F5)</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Canned responses</source>
        <translation>Canned responses</translation>
    </message>
    <message>
        <source>Find an agent by name or email</source>
        <translation>Find an agent by name or email</translation>
    </message>
    <message>
        <source>No agents are cached yet; they come with a sync.</source>
        <translation>No agents are cached yet; they come with a sync.</translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation>Invite…</translation>
    </message>
    <message>
        <source>Make administrator</source>
        <translation>Make administrator</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>Save inboxes</source>
        <translation>Save inboxes</translation>
    </message>
    <message>
        <source>Inboxes</source>
        <translation>Inboxes</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>{0} (you)</source>
        <translation>{0} (you)</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Reading the team from the server…</source>
        <translation>Reading the team from the server…</translation>
    </message>
    <message>
        <source>The server cannot be reached: these are the lists as last cached.</source>
        <translation>The server cannot be reached: these are the lists as last cached.</translation>
    </message>
    <message>
        <source>Choose an agent to see their inboxes.</source>
        <translation>Choose an agent to see their inboxes.</translation>
    </message>
    <message>
        <source>Inbox membership is read from the server when it can be reached.</source>
        <translation>Inbox membership is read from the server when it can be reached.</translation>
    </message>
    <message>
        <source>Administrators see every inbox, whether they are members or not.</source>
        <translation>Administrators see every inbox, whether they are members or not.</translation>
    </message>
    <message>
        <source>Only the inboxes you belong to are shown.</source>
        <translation>Only the inboxes you belong to are shown.</translation>
    </message>
    <message>
        <source>Only administrators can change this</source>
        <translation>Only administrators can change this</translation>
    </message>
    <message>
        <source>Make agent</source>
        <translation>Make agent</translation>
    </message>
    <message>
        <source>Invite someone by email (Ctrl+N)</source>
        <translation>Invite someone by email (Ctrl+N)</translation>
    </message>
    <message>
        <source>Switch the selected agent between agent and administrator</source>
        <translation>Switch the selected agent between agent and administrator</translation>
    </message>
    <message>
        <source>Take the selected agent out of this account</source>
        <translation>Take the selected agent out of this account</translation>
    </message>
    <message>
        <source>Make the ticked inboxes the agent&apos;s inboxes</source>
        <translation>Make the ticked inboxes the agent&apos;s inboxes</translation>
    </message>
    <message>
        <source>Write a new canned response (Ctrl+N)</source>
        <translation>Write a new canned response (Ctrl+N)</translation>
    </message>
    <message>
        <source>Change the selected canned response</source>
        <translation>Change the selected canned response</translation>
    </message>
    <message>
        <source>Delete the selected canned response</source>
        <translation>Delete the selected canned response</translation>
    </message>
    <message>
        <source>{0} was invited.</source>
        <translation>{0} was invited.</translation>
    </message>
    <message>
        <source>Stop being an administrator?</source>
        <translation>Stop being an administrator?</translation>
    </message>
    <message>
        <source>You will no longer be able to change the team or the canned responses; another administrator can make you one again.</source>
        <translation>You will no longer be able to change the team or the canned responses; another administrator can make you one again.</translation>
    </message>
    <message>
        <source>Make me an agent</source>
        <translation>Make me an agent</translation>
    </message>
    <message>
        <source>{0} is now an administrator.</source>
        <translation>{0} is now an administrator.</translation>
    </message>
    <message>
        <source>{0} is now an agent.</source>
        <translation>{0} is now an agent.</translation>
    </message>
    <message>
        <source>Remove {0} from this account?</source>
        <translation>Remove {0} from this account?</translation>
    </message>
    <message>
        <source>They lose access to its conversations, and those assigned to them become unassigned. They can be invited again later.</source>
        <translation>They lose access to its conversations, and those assigned to them become unassigned. They can be invited again later.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>{0} was removed.</source>
        <translation>{0} was removed.</translation>
    </message>
    <message>
        <source>{0}&apos;s inboxes were saved.</source>
        <translation>{0}&apos;s inboxes were saved.</translation>
    </message>
    <message>
        <source>No canned response matches “{0}”.</source>
        <translation>No canned response matches “{0}”.</translation>
    </message>
    <message>
        <source>There are no canned responses yet.</source>
        <translation>There are no canned responses yet.</translation>
    </message>
    <message>
        <source>/{0} was added.</source>
        <translation>/{0} was added.</translation>
    </message>
    <message>
        <source>/{0} was saved.</source>
        <translation>/{0} was saved.</translation>
    </message>
    <message>
        <source>Delete /{0}?</source>
        <translation>Delete /{0}?</translation>
    </message>
    <message>
        <source>Nobody can insert it any more. This cannot be undone.</source>
        <translation>Nobody can insert it any more. This cannot be undone.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>/{0} was deleted.</source>
        <translation>/{0} was deleted.</translation>
    </message>
    <message>
        <source>Only administrators can do this; the server refused it.</source>
        <translation>Only administrators can do this; the server refused it.</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>yesterday</translation>
    </message>
    <message>
        <source>{0}s</source>
        <translation>{0}s</translation>
    </message>
    <message>
        <source>{0}m</source>
        <translation>{0}m</translation>
    </message>
    <message>
        <source>{0}h</source>
        <translation>{0}h</translation>
    </message>
    <message>
        <source>{0}d</source>
        <translation>{0}d</translation>
    </message>
</context>
<context>
    <name>TranscriptBrowser</name>
    <message>
        <source>Transcripts — Operator Desktop</source>
        <translation>Transcripts — Operator Desktop</translation>
    </message>
    <message>
        <source>Search every cached transcript…</source>
        <translation>Search every cached transcript…</translation>
    </message>
    <message>
        <source>Best match first</source>
        <translation>Best match first</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Hide resolved</source>
        <translation>Hide resolved</translation>
    </message>
    <message>
        <source>Open a conversation from the results.</source>
        <translation>Open a conversation from the results.</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Every inbox</source>
        <translation>Every inbox</translation>
    </message>
    <message>
        <source>Any agent</source>
        <translation>Any agent</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>Any label</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message numerus="yes">
        <source>The best %n conversations; add words or filters to narrow them.</source>
        <translation>
            <numerusform>The best %n conversations; add words or filters to narrow them.</numerusform>
            <numerusform>The best %n conversations; add words or filters to narrow them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message>
        <source>No cached transcript matches. Try other words or fewer filters.</source>
        <translation>No cached transcript matches. Try other words or fewer filters.</translation>
    </message>
    <message>
        <source>No cached conversation passes these filters.</source>
        <translation>No cached conversation passes these filters.</translation>
    </message>
    <message>
        <source>Match %1 of %2</source>
        <translation>Match %1 of %2</translation>
    </message>
</context>
<context>
    <name>TranscriptResultDelegate</name>
    <message>
        <source>resolved</source>
        <translation>resolved</translation>
    </message>
</context>
<context>
    <name>TranscriptWording</name>
    <message>
        <source>Conversation #{id} with {who}</source>
        <translation>Conversation #{id} with {who}</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>{url} (account {account})</source>
        <translation>{url} (account {account})</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>private note</source>
        <translation>private note</translation>
    </message>
    <message>
        <source>[deleted]</source>
        <translation>[deleted]</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} bytes</translation>
    </message>
    <message>
        <source>Operator Desktop transcripts</source>
        <translation>Operator Desktop transcripts</translation>
    </message>
    <message>
        <source>Operator Desktop transcripts (redacted)</source>
        <translation>Operator Desktop transcripts (redacted)</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>snoozed</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>audio</translation>
    </message>
    <message>
        <source>video</source>
        <translation>video</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>location</source>
        <translation>location</translation>
    </message>
    <message>
        <source>contact card</source>
        <translation>contact card</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Open Operator Desktop</source>
        <translation>Open Operator Desktop</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Busy (only mentions and assignments notify)</source>
        <translation>Busy (only mentions and assignments notify)</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message numerus="yes">
        <source>Operator Desktop: %n conversation(s) waiting</source>
        <translation>
            <numerusform>Operator Desktop: %n conversation waiting</numerusform>
            <numerusform>Operator Desktop: %n conversations waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator Desktop: nothing waiting</source>
        <translation>Operator Desktop: nothing waiting</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The server no longer accepts this sign-in. Sign in again; your cached conversations are kept.</source>
        <translation>The server no longer accepts this sign-in. Sign in again; your cached conversations are kept.</translation>
    </message>
    <message>
        <source>You are not allowed to do this on the server.</source>
        <translation>You are not allowed to do this on the server.</translation>
    </message>
    <message>
        <source>This account is suspended.</source>
        <translation>This account is suspended.</translation>
    </message>
    <message>
        <source>It no longer exists on the server.</source>
        <translation>It no longer exists on the server.</translation>
    </message>
    <message>
        <source>The server refused the change.</source>
        <translation>The server refused the change.</translation>
    </message>
    <message>
        <source>Too many attempts: the server is limiting requests from this address. Wait a few minutes, then try again.</source>
        <translation>Too many attempts: the server is limiting requests from this address. Wait a few minutes, then try again.</translation>
    </message>
    <message>
        <source>The server had an internal error. Try again later.</source>
        <translation>The server had an internal error. Try again later.</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your connection.</source>
        <translation>Cannot reach the server. Check the address and your connection.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified.</source>
        <translation>The server&apos;s security certificate could not be verified.</translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation>Wrong email or password.</translation>
    </message>
    <message>
        <source>The server did not accept this access token. Copy it again from your profile.</source>
        <translation>The server did not accept this access token. Copy it again from your profile.</translation>
    </message>
    <message>
        <source>This is not a valid server address, e.g. https://chat.example.com</source>
        <translation>This is not a valid server address, e.g. https://chat.example.com</translation>
    </message>
    <message>
        <source>This account needs a two-factor code.</source>
        <translation>This account needs a two-factor code.</translation>
    </message>
    <message>
        <source>That code was not accepted. Check it and try again.</source>
        <translation>That code was not accepted. Check it and try again.</translation>
    </message>
    <message>
        <source>The server sent something this app does not understand.</source>
        <translation>The server sent something this app does not understand.</translation>
    </message>
    <message>
        <source>No usable system keyring was found to keep the sign-in safe.</source>
        <translation>No usable system keyring was found to keep the sign-in safe.</translation>
    </message>
    <message>
        <source>The system keyring is locked. Unlock it and try again.</source>
        <translation>The system keyring is locked. Unlock it and try again.</translation>
    </message>
    <message>
        <source>You are not signed in.</source>
        <translation>You are not signed in.</translation>
    </message>
    <message>
        <source>Several accounts are signed in. Choose one.</source>
        <translation>Several accounts are signed in. Choose one.</translation>
    </message>
    <message>
        <source>The local cache could not be used.</source>
        <translation>The local cache could not be used.</translation>
    </message>
    <message>
        <source>Another Operator Desktop process is using the local cache. Try again.</source>
        <translation>Another Operator Desktop process is using the local cache. Try again.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>The disk is full. Free some space, then try again.</translation>
    </message>
    <message>
        <source>The data folder is read-only: cached conversations can be read, not changed.</source>
        <translation>The data folder is read-only: cached conversations can be read, not changed.</translation>
    </message>
    <message>
        <source>The local cache is damaged. It is rebuilt the next time Operator Desktop starts; replies not sent yet are kept.</source>
        <translation>The local cache is damaged. It is rebuilt the next time Operator Desktop starts; replies not sent yet are kept.</translation>
    </message>
    <message>
        <source>The local cache is encrypted, and the system keyring has no key for it (a data folder from another computer, or a reset keyring). It is kept as it is; a new cache can be started instead.</source>
        <translation>The local cache is encrypted, and the system keyring has no key for it (a data folder from another computer, or a reset keyring). It is kept as it is; a new cache can be started instead.</translation>
    </message>
    <message>
        <source>The local cache cannot be decrypted with the key in the system keyring. It is kept as it is; a new cache can be started instead.</source>
        <translation>The local cache cannot be decrypted with the key in the system keyring. It is kept as it is; a new cache can be started instead.</translation>
    </message>
    <message>
        <source>This is not in the local cache yet; it arrives with the next sync.</source>
        <translation>This is not in the local cache yet; it arrives with the next sync.</translation>
    </message>
    <message>
        <source>The export could not be written.</source>
        <translation>The export could not be written.</translation>
    </message>
    <message>
        <source>The chat-rules file cannot be used; the default rules apply.</source>
        <translation>The chat-rules file cannot be used; the default rules apply.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Something went wrong.</translation>
    </message>
    <message>
        <source>The server refused the change: {0}</source>
        <translation>The server refused the change: {0}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>This account is suspended: {0}</source>
        <translation>This account is suspended: {0}</translation>
    </message>
</context>
<context>
    <name>gui</name>
    <message>
        <source>Opening the local cache…</source>
        <translation>Opening the local cache…</translation>
    </message>
    <message>
        <source>Operator Desktop</source>
        <translation>Operator Desktop</translation>
    </message>
    <message>
        <source>Encrypting attachment files: {done} of {total}</source>
        <translation>Encrypting attachment files: {done} of {total}</translation>
    </message>
    <message>
        <source>Decrypting attachment files: {done} of {total}</source>
        <translation>Decrypting attachment files: {done} of {total}</translation>
    </message>
    <message>
        <source>Encrypting the local cache…</source>
        <translation>Encrypting the local cache…</translation>
    </message>
    <message>
        <source>Decrypting the local cache…</source>
        <translation>Decrypting the local cache…</translation>
    </message>
    <message>
        <source>The local cache was not switched; it stays as it was.</source>
        <translation>The local cache was not switched; it stays as it was.</translation>
    </message>
    <message>
        <source>The local cache was damaged and has been rebuilt. Sign-ins, drafts and replies not sent yet were kept; conversations come back with the next sync.</source>
        <translation>The local cache was damaged and has been rebuilt. Sign-ins, drafts and replies not sent yet were kept; conversations come back with the next sync.</translation>
    </message>
    <message>
        <source>The damaged copy is kept at {path}.</source>
        <translation>The damaged copy is kept at {path}.</translation>
    </message>
    <message>
        <source>A new cache is filled again by the next sync. The unreadable file is kept beside it; drafts and replies not sent yet that are in it are not.</source>
        <translation>A new cache is filled again by the next sync. The unreadable file is kept beside it; drafts and replies not sent yet that are in it are not.</translation>
    </message>
    <message>
        <source>Start a new cache</source>
        <translation>Start a new cache</translation>
    </message>
    <message>
        <source>Operator Desktop cannot start.</source>
        <translation>Operator Desktop cannot start.</translation>
    </message>
    <message>
        <source> — demo</source>
        <translation> — demo</translation>
    </message>
    <message>
        <source>The sign-in for {server} was not found in the keyring.</source>
        <translation>The sign-in for {server} was not found in the keyring.</translation>
    </message>
    <message>
        <source>Still running in the tray. Quit from its menu, or with Ctrl+Q.</source>
        <translation>Still running in the tray. Quit from its menu, or with Ctrl+Q.</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in. Sign in again.</source>
        <translation>The server no longer accepts this sign-in. Sign in again.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Sign out of this account?</source>
        <translation>Sign out of this account?</translation>
    </message>
    <message>
        <source>The access token is removed from the keyring. The cached conversations can stay on this computer for offline reading, or be deleted.</source>
        <translation>The access token is removed from the keyring. The cached conversations can stay on this computer for offline reading, or be deleted.</translation>
    </message>
    <message>
        <source>Sign out, keep cached data</source>
        <translation>Sign out, keep cached data</translation>
    </message>
    <message>
        <source>Sign out and delete cached data</source>
        <translation>Sign out and delete cached data</translation>
    </message>
</context>
</TS>
