<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
</context>
<context>
    <name>AttachmentKind</name>
    <message>
        <source>Photo</source>
        <translation>Фото</translation>
    </message>
    <message>
        <source>Audio message</source>
        <translation>Голосовое сообщение</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Видео</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Местоположение</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
</context>
<context>
    <name>AttributeRow</name>
    <message>
        <source>Enter a number.</source>
        <translation>Введите число.</translation>
    </message>
    <message>
        <source>Enter a web address, for example https://example.com.</source>
        <translation>Введите веб-адрес, например https://example.com.</translation>
    </message>
    <message>
        <source>Choose one of the listed values.</source>
        <translation>Выберите одно из значений списка.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Введите дату в формате ГГГГ-ММ-ДД.</translation>
    </message>
    <message>
        <source>This value is not in the format.</source>
        <translation>Значение не соответствует формату.</translation>
    </message>
    <message>
        <source>Add a link</source>
        <translation>Добавить ссылку</translation>
    </message>
    <message>
        <source>Add a number</source>
        <translation>Добавить число</translation>
    </message>
    <message>
        <source>Add a value</source>
        <translation>Добавить значение</translation>
    </message>
</context>
<context>
    <name>BellButton</name>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n непрочитанное уведомление</numerusform>
            <numerusform>%n непрочитанных уведомления</numerusform>
            <numerusform>%n непрочитанных уведомлений</numerusform>
        </translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
</context>
<context>
    <name>BellModel</name>
    <message>
        <source>New conversation</source>
        <translation>Новый разговор</translation>
    </message>
    <message>
        <source>Assigned to you by {name}</source>
        <translation>{name} назначил(а) вам</translation>
    </message>
    <message>
        <source>Assigned to you</source>
        <translation>Назначен вам</translation>
    </message>
    <message>
        <source>{name} mentioned you</source>
        <translation>{name} упомянул(а) вас</translation>
    </message>
    <message>
        <source>You were mentioned</source>
        <translation>Вас упомянули</translation>
    </message>
    <message>
        <source>New message in your conversation</source>
        <translation>Новое сообщение в вашем разговоре</translation>
    </message>
    <message>
        <source>New message in a conversation you take part in</source>
        <translation>Новое сообщение в разговоре, где вы участвуете</translation>
    </message>
    <message>
        <source>SLA missed</source>
        <translation>SLA нарушен</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Уведомление</translation>
    </message>
</context>
<context>
    <name>BellPanel</name>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Прочитать все</translation>
    </message>
    <message>
        <source>No notifications</source>
        <translation>Уведомлений нет</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Показать ещё</translation>
    </message>
    <message>
        <source>The notifications could not be read: {reason}</source>
        <translation>Не удалось загрузить уведомления: {reason}</translation>
    </message>
    <message>
        <source>Open conversation</source>
        <translation>Открыть разговор</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Отметить прочитанным</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Отметить непрочитанным</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
</context>
<context>
    <name>CannedDialog</name>
    <message>
        <source>New canned response</source>
        <translation>Новый готовый ответ</translation>
    </message>
    <message>
        <source>Edit canned response</source>
        <translation>Изменить готовый ответ</translation>
    </message>
    <message>
        <source>e.g. refund</source>
        <translation>например, refund</translation>
    </message>
    <message>
        <source>Typed after / in the reply box to insert the text</source>
        <translation>Набирается после / в поле ответа, чтобы вставить текст</translation>
    </message>
    <message>
        <source>The text inserted into the reply</source>
        <translation>Текст, который вставится в ответ</translation>
    </message>
    <message>
        <source>Short code:</source>
        <translation>Краткий код:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Текст:</translation>
    </message>
</context>
<context>
    <name>ChatListDelegate</name>
    <message>
        <source>Urgent</source>
        <translation>Срочный</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Средний</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Заметка:</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>Черновик:</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>печатает…</translation>
    </message>
</context>
<context>
    <name>ChatListWidget</name>
    <message>
        <source>Search conversations and messages</source>
        <translation>Поиск по диалогам и сообщениям</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Диалоги</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Мои</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Неназначенные</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открытые</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>В ожидании</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Отложенные</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решённые</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>По активности</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>По ожиданию</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Сортировка</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Канал</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Метка</translation>
    </message>
    <message>
        <source>All inboxes</source>
        <translation>Все каналы</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Все команды</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Все метки</translation>
    </message>
    <message>
        <source>Loading conversations…</source>
        <translation>Загрузка диалогов…</translation>
    </message>
    <message>
        <source>Nothing matches</source>
        <translation>Ничего не найдено</translation>
    </message>
    <message>
        <source>No conversations here</source>
        <translation>Здесь нет диалогов</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <source>median %1, 90% within %2</source>
        <translation>медиана %1, 90% за %2</translation>
    </message>
    <message>
        <source>average %1</source>
        <translation>в среднем %1</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Диалоги</translation>
    </message>
    <message>
        <source>%1 handled</source>
        <translation>%1 обработано</translation>
    </message>
    <message>
        <source>%1 assigned</source>
        <translation>%1 назначено</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Первый ответ</translation>
    </message>
    <message>
        <source>Reply time</source>
        <translation>Время ответа</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>Время решения</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>From the cache</source>
        <translation>По кэшу</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Reply</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Личная заметка</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Прикрепить</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Прикрепить файлы</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Replying to: {text}</source>
        <translation>Ответ на: {text}</translation>
    </message>
    <message>
        <source>Private note: only your team sees it. Type / for canned responses</source>
        <translation>Личная заметка: её видит только ваша команда. Введите / для шаблонов ответов</translation>
    </message>
    <message>
        <source>Reply to the customer. Type / for canned responses</source>
        <translation>Ответ клиенту. Введите / для шаблонов ответов</translation>
    </message>
    <message>
        <source>Enter to send · Shift+Enter for a new line</source>
        <translation>Enter — отправить · Shift+Enter — новая строка</translation>
    </message>
    <message>
        <source>Ctrl+Enter to send</source>
        <translation>Ctrl+Enter — отправить</translation>
    </message>
    <message>
        <source>signature added</source>
        <translation>подпись добавится</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Полное имя</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>+4915112345678</source>
        <translation>+79161234567</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Введите имя.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Pending</source>
        <translation>В ожидании</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Отложить</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Назначить</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Ещё</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Другие действия</translation>
    </message>
    <message>
        <source>Unknown contact</source>
        <translation>Неизвестный контакт</translation>
    </message>
    <message>
        <source>Assigned to {name}</source>
        <translation>Назначен: {name}</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Не назначен</translation>
    </message>
    <message>
        <source>Team: {name}</source>
        <translation>Команда: {name}</translation>
    </message>
    <message>
        <source>Priority: {p}</source>
        <translation>Приоритет: {p}</translation>
    </message>
    <message>
        <source>Snoozed until {time}</source>
        <translation>Отложен до {time}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыт</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решён</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Отложен</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Средний</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Срочный</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Открыть снова</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Решить</translation>
    </message>
    <message>
        <source>Reopen conversation</source>
        <translation>Открыть диалог снова</translation>
    </message>
    <message>
        <source>Reopening will assign this conversation to you instead of {name}.</source>
        <translation>При повторном открытии диалог будет назначен вам (сейчас ответственный — {name}).</translation>
    </message>
    <message>
        <source>the current assignee</source>
        <translation>другой агент</translation>
    </message>
    <message>
        <source>Chatwoot assigns reopened conversations to the agent.</source>
        <translation>Chatwoot назначает открытый снова диалог агенту, который его открыл.</translation>
    </message>
    <message>
        <source>Reopen and assign to me</source>
        <translation>Открыть снова и назначить мне</translation>
    </message>
    <message>
        <source>Set pending instead</source>
        <translation>Перевести в ожидание</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>На 1 час</translation>
    </message>
    <message>
        <source>Until tomorrow, 9:00</source>
        <translation>До завтра, 9:00</translation>
    </message>
    <message>
        <source>Until next week (Monday 9:00)</source>
        <translation>До следующей недели (понедельник, 9:00)</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Выбрать время…</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Назначить мне</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Снять назначение</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Без команды</translation>
    </message>
    <message>
        <source>No labels defined</source>
        <translation>Метки не созданы</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Select a conversation</source>
        <translation>Выберите диалог</translation>
    </message>
    <message>
        <source>New messages ↓</source>
        <translation>Новые сообщения ↓</translation>
    </message>
    <message>
        <source>Loading older messages…</source>
        <translation>Загрузка более ранних сообщений…</translation>
    </message>
    <message>
        <source>{name} is writing a private note…</source>
        <translation>{name} пишет личную заметку…</translation>
    </message>
    <message>
        <source>{name} is typing…</source>
        <translation>{name} печатает…</translation>
    </message>
    <message>
        <source>{a} and {b} are typing…</source>
        <translation>{a} и {b} печатают…</translation>
    </message>
    <message numerus="yes">
        <source>%n people are typing…</source>
        <translation>
            <numerusform>%n человек печатает…</numerusform>
            <numerusform>%n человека печатают…</numerusform>
            <numerusform>%n человек печатают…</numerusform>
        </translation>
    </message>
    <message>
        <source>Attachment not opened</source>
        <translation>Вложение не открыто</translation>
    </message>
    <message>
        <source>“{name}” is a program or a script: opening it could run it.</source>
        <translation>«{name}» — программа или скрипт: при открытии он может запуститься.</translation>
    </message>
    <message>
        <source>Save it and check it with your security tools before you open it.</source>
        <translation>Сохраните его и проверьте средствами защиты, прежде чем открывать.</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Сохранить вложение</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Ответить</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Копировать ссылку</translation>
    </message>
    <message>
        <source>View image {name}</source>
        <translation>Просмотреть изображение {name}</translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation>Открыть {name}</translation>
    </message>
    <message>
        <source>Save {name}…</source>
        <translation>Сохранить {name}…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Удалить</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>Conversation</source>
        <translation>Диалог</translation>
    </message>
    <message>
        <source>Contact attributes</source>
        <translation>Атрибуты контакта</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Previous conversations</source>
        <translation>Предыдущие диалоги</translation>
    </message>
    <message>
        <source>No other conversations with this contact.</source>
        <translation>Других диалогов с этим контактом нет.</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>Диалог не открыт</translation>
    </message>
    <message>
        <source>The customer&apos;s details appear here.</source>
        <translation>Здесь появятся сведения о клиенте.</translation>
    </message>
    <message>
        <source>Edit name, email and phone</source>
        <translation>Изменить имя, эл. почту и телефон</translation>
    </message>
    <message>
        <source>Copy email</source>
        <translation>Копировать эл. почту</translation>
    </message>
    <message>
        <source>Copy phone number</source>
        <translation>Копировать номер телефона</translation>
    </message>
    <message>
        <source>No email or phone number.</source>
        <translation>Нет эл. почты и телефона.</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Браузер</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Операционная система</translation>
    </message>
    <message>
        <source>Referrer: the page the chat started on</source>
        <translation>Источник перехода: страница, с которой начался чат</translation>
    </message>
    <message>
        <source>No customer details</source>
        <translation>Нет сведений о клиенте</translation>
    </message>
    <message>
        <source>Unnamed contact</source>
        <translation>Контакт без имени</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Заблокирован</translation>
    </message>
    <message>
        <source>No attribute definition on the server</source>
        <translation>На сервере нет описания этого атрибута</translation>
    </message>
    <message>
        <source>Notes could not be loaded. {0}</source>
        <translation>Не удалось загрузить заметки. {0}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыт</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>В ожидании</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Отложен</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решён</translation>
    </message>
    <message>
        <source>Open conversation #{0}</source>
        <translation>Открыть диалог #{0}</translation>
    </message>
    <message>
        <source>No messages</source>
        <translation>Нет сообщений</translation>
    </message>
</context>
<context>
    <name>DesktopNotifications</name>
    <message>
        <source>Reply</source>
        <translation>Ответить</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Назначить мне</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Решить</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Новый разговор</translation>
    </message>
    <message>
        <source>Assigned to you</source>
        <translation>Назначен вам</translation>
    </message>
    <message>
        <source>You were mentioned</source>
        <translation>Вас упомянули</translation>
    </message>
    <message>
        <source>The customer is waiting for an answer</source>
        <translation>Клиент ждёт ответа</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Новое сообщение</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditReplyDialog</name>
    <message>
        <source>Edit reply</source>
        <translation>Изменить ответ</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Отправить снова</translation>
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
        <translation>Копировать подробности</translation>
    </message>
    <message>
        <source>Copy what went wrong, to paste into a bug report</source>
        <translation>Скопировать сведения об ошибке для отчёта</translation>
    </message>
    <message>
        <source>Something went wrong. The details are in {0}.</source>
        <translation>Что-то пошло не так. Подробности в {0}.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Что-то пошло не так.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export transcripts</source>
        <translation>Экспорт переписки</translation>
    </message>
    <message>
        <source>This conversation</source>
        <translation>Этот диалог</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>Выбран %n</numerusform>
            <numerusform>Выбрано %n</numerusform>
            <numerusform>Выбрано %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything matching…</source>
        <translation>Всё найденное…</translation>
    </message>
    <message numerus="yes">
        <source>Everything matching (%n)</source>
        <translation>
            <numerusform>Всё найденное (%n)</numerusform>
            <numerusform>Всё найденное (%n)</numerusform>
            <numerusform>Всё найденное (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>Документ PDF</translation>
    </message>
    <message>
        <source>Web page (HTML)</source>
        <translation>Веб-страница (HTML)</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Простой текст</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Replace personal data (e-mails, phones, cards, IBANs)</source>
        <translation>Скрыть персональные данные (почту, телефоны, карты, IBAN)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Что:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Формат:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Предпросмотр:</translation>
    </message>
    <message>
        <source>Nothing to export.</source>
        <translation>Экспортировать нечего.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Экспортировать в</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Export stopped; nothing was written.</source>
        <translation>Экспорт остановлен; ничего не записано.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>Экспортирован %n диалог в %1.</numerusform>
            <numerusform>Экспортировано %n диалога в %1.</numerusform>
            <numerusform>Экспортировано %n диалогов в %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
</context>
<context>
    <name>GuardBar</name>
    <message>
        <source>Rude wording</source>
        <translation>Грубые слова</translation>
    </message>
    <message>
        <source>Shouting in capitals</source>
        <translation>Крик заглавными буквами</translation>
    </message>
    <message>
        <source>A colleague&apos;s @mention</source>
        <translation>Упоминание коллеги через @</translation>
    </message>
    <message>
        <source>an e-mail address</source>
        <translation>адрес электронной почты</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>номер телефона</translation>
    </message>
    <message>
        <source>a card number</source>
        <translation>номер карты</translation>
    </message>
    <message>
        <source>an IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>a passport number</source>
        <translation>номер паспорта</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Персональные данные</translation>
    </message>
    <message>
        <source>Personal data: {kind}</source>
        <translation>Персональные данные: {kind}</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Всё равно отправить</translation>
    </message>
    <message>
        <source>Send the reply as it is (Enter)</source>
        <translation>Отправить ответ как есть (Enter)</translation>
    </message>
    <message>
        <source>Make it a private note</source>
        <translation>Сделать личной заметкой</translation>
    </message>
    <message>
        <source>Send it to your team only, not to the customer</source>
        <translation>Отправить только команде, не клиенту</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Исправить</translation>
    </message>
    <message>
        <source>Back to the reply to change it (Esc)</source>
        <translation>Вернуться к ответу, чтобы его изменить (Esc)</translation>
    </message>
    <message numerus="yes">
        <source>This reply may break the chat rules (%n finding(s)):</source>
        <translation>
            <numerusform>Ответ может нарушать правила чата (%n замечание):</numerusform>
            <numerusform>Ответ может нарушать правила чата (%n замечания):</numerusform>
            <numerusform>Ответ может нарушать правила чата (%n замечаний):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>This image cannot be shown: {error}</source>
        <translation>Не удаётся показать изображение: {error}</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>Invite an agent</source>
        <translation>Пригласить оператора</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Имя и фамилия</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>A new address gets an invitation from the server to set a password. Someone who already has an account joins this one as they are.</source>
        <translation>На новый адрес сервер отправит приглашение задать пароль. Тот, у кого уже есть учётная запись, присоединится к этому аккаунту как есть.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Эл. почта:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Роль:</translation>
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
        <translation>П&amp;ереход</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Следующий диалог</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Предыдущий диалог</translation>
    </message>
    <message>
        <source>Next unread conversation</source>
        <translation>Следующий непрочитанный диалог</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Transcripts…</source>
        <translation>Архив переписки…</translation>
    </message>
    <message>
        <source>My statistics…</source>
        <translation>Моя статистика…</translation>
    </message>
    <message>
        <source>Team…</source>
        <translation>Команда…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Ответить</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Диалог</translation>
    </message>
    <message>
        <source>No unread conversation is assigned to you.</source>
        <translation>Непрочитанных разговоров, назначенных вам, нет.</translation>
    </message>
    <message>
        <source>Another program holds {keys}: no global hotkey.</source>
        <translation>Сочетание {keys} занято другой программой: глобальной горячей клавиши нет.</translation>
    </message>
    <message>
        <source>{keys} cannot be a global hotkey here.</source>
        <translation>{keys} не может быть глобальной горячей клавишей здесь.</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Решить</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Назначить мне</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Follow the system theme</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light theme</source>
        <translation>Светлая тема</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>Тёмная тема</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Аккаунт</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>Выйти…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Private note</source>
        <translation>Личная заметка</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Вы</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Бот</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <source>{error} · Tap to retry</source>
        <translation>{error} · Нажмите, чтобы повторить</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Сообщение удалено</translation>
    </message>
    <message numerus="yes">
        <source>… %n more characters (Copy takes the whole text)</source>
        <translation>
            <numerusform>… ещё %n символ (при копировании берётся весь текст)</numerusform>
            <numerusform>… ещё %n символа (при копировании берётся весь текст)</numerusform>
            <numerusform>… ещё %n символов (при копировании берётся весь текст)</numerusform>
        </translation>
    </message>
    <message>
        <source>Image unavailable</source>
        <translation>Изображение недоступно</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <source>Add a note about this contact…</source>
        <translation>Добавьте заметку об этом контакте…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Добавить заметку</translation>
    </message>
    <message>
        <source>Add the note (Ctrl+Enter)</source>
        <translation>Добавить заметку (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Loading notes…</source>
        <translation>Загрузка заметок…</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Заметок пока нет.</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Добавление…</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Sign in again</source>
        <translation>Войти снова</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Try saving again now</source>
        <translation>Попробовать сохранить сейчас</translation>
    </message>
    <message>
        <source>Sign-in expired — sign in again to reconnect.</source>
        <translation>Сеанс истёк — войдите снова, чтобы переподключиться.</translation>
    </message>
    <message>
        <source>The disk is full — new messages are not being saved. Everything already here can still be read. Free some space: the app catches up by itself.</source>
        <translation>Диск заполнен — новые сообщения не сохраняются. Всё, что уже здесь, по-прежнему можно читать. Освободите место: приложение само наверстает пропущенное.</translation>
    </message>
    <message>
        <source>The data folder cannot be written — new messages are not being saved. Everything already here can still be read.</source>
        <translation>В папку данных нельзя записывать — новые сообщения не сохраняются. Всё, что уже здесь, по-прежнему можно читать.</translation>
    </message>
    <message>
        <source>Offline — showing cached conversations (last synced {0})</source>
        <translation>Нет связи — показаны сохранённые диалоги (последняя синхронизация: {0})</translation>
    </message>
    <message>
        <source>Offline — showing cached conversations</source>
        <translation>Нет связи — показаны сохранённые диалоги</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Waiting customers</source>
        <translation>Ожидающие клиенты</translation>
    </message>
    <message>
        <source>Timer turns amber after</source>
        <translation>Таймер жёлтый через</translation>
    </message>
    <message>
        <source>Timer turns red after</source>
        <translation>Таймер красный через</translation>
    </message>
    <message>
        <source>Closing the window keeps the app running in the tray</source>
        <translation>При закрытии окна приложение остаётся в системном лотке</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter отправляет, Shift+Enter — новая строка</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter отправляет, Enter — новая строка</translation>
    </message>
    <message>
        <source>Add my signature to replies (not to private notes)</source>
        <translation>Добавлять мою подпись к ответам (не к личным заметкам)</translation>
    </message>
    <message>
        <source>Your signature, e.g. your name and role</source>
        <translation>Ваша подпись, например имя и должность</translation>
    </message>
    <message>
        <source>The signature is kept in your Chatwoot profile.</source>
        <translation>Подпись хранится в вашем профиле Chatwoot.</translation>
    </message>
    <message>
        <source>Check private notes against the chat rules too (replies always are)</source>
        <translation>Проверять по правилам чата и личные заметки (ответы проверяются всегда)</translation>
    </message>
    <message>
        <source>Suggest replies from canned responses and earlier answers (Alt+1…3)</source>
        <translation>Предлагать ответы из шаблонов и прежних ответов команды (Alt+1…3)</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Ответы</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>всегда</translation>
    </message>
    <message>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <source>Conversations inactive for longer leave this computer&apos;s cache and search (they stay on the server). Unsent replies and drafts are kept.</source>
        <translation>Диалоги, неактивные дольше, удаляются из кеша и поиска на этом компьютере (на сервере они остаются). Неотправленные ответы и черновики сохраняются.</translation>
    </message>
    <message>
        <source>Encrypt the cache and downloaded files</source>
        <translation>Шифровать кеш и загруженные файлы</translation>
    </message>
    <message>
        <source>Encrypted: its key is kept in the system keyring. Turning this off closes and reopens the window.</source>
        <translation>Зашифрован: ключ хранится в системной связке ключей. При отключении окно закроется и откроется снова.</translation>
    </message>
    <message>
        <source>Not encrypted. Turning this on closes and reopens the window; a large cache takes a minute.</source>
        <translation>Не зашифрован. При включении окно закроется и откроется снова; большой кеш шифруется около минуты.</translation>
    </message>
    <message>
        <source>Not encrypted: the system keyring cannot keep its key on this computer.</source>
        <translation>Не зашифрован: системная связка ключей на этом компьютере не может хранить ключ.</translation>
    </message>
    <message>
        <source>Global hotkey</source>
        <translation>Глобальная горячая клавиша</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Этот компьютер</translation>
    </message>
    <message>
        <source>Keep conversations</source>
        <translation>Хранить диалоги</translation>
    </message>
    <message>
        <source>Needs an X11 desktop session: this one has no X display.</source>
        <translation>Нужен сеанс рабочего стола X11: в этом нет X-дисплея.</translation>
    </message>
    <message>
        <source>Not available on Windows and macOS yet.</source>
        <translation>В Windows и macOS пока недоступно.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>Show desktop notifications</source>
        <translation>Показывать уведомления на рабочем столе</translation>
    </message>
    <message>
        <source>A customer writes in a conversation of mine</source>
        <translation>Клиент пишет в моём разговоре</translation>
    </message>
    <message>
        <source>Every new customer message in my inboxes</source>
        <translation>Каждое новое сообщение клиента в моих входящих</translation>
    </message>
    <message>
        <source>A new unassigned conversation</source>
        <translation>Новый неназначенный разговор</translation>
    </message>
    <message>
        <source>A conversation is assigned to me</source>
        <translation>Мне назначен разговор</translation>
    </message>
    <message>
        <source>I am @mentioned in a private note</source>
        <translation>Меня @упомянули в личной заметке</translation>
    </message>
    <message>
        <source>A customer waits longer than the red threshold</source>
        <translation>Клиент ждёт дольше красного порога</translation>
    </message>
    <message>
        <source>The server&apos;s own notifications (the bell)</source>
        <translation>Собственные уведомления сервера (колокольчик)</translation>
    </message>
    <message>
        <source>Hide message texts (show “New message”)</source>
        <translation>Скрывать текст сообщений (показывать «Новое сообщение»)</translation>
    </message>
    <message>
        <source>While you are busy only mentions and assignments notify.</source>
        <translation>Пока вы заняты, уведомляют только упоминания и назначения.</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>Звуки</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <source>Repeat every 30 s while a conversation of mine waits unread</source>
        <translation>Повторять каждые 30 с, пока мой разговор не прочитан</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Not available on Wayland, which gives no global hotkey to programs: add a shortcut that starts Operator Desktop in the desktop&apos;s keyboard settings (starting it again brings up its window).</source>
        <translation>Недоступно в Wayland: он не даёт программам глобальных горячих клавиш. Добавьте в настройках клавиатуры рабочего стола сочетание, запускающее Operator Desktop (повторный запуск поднимает его окно).</translation>
    </message>
    <message>
        <source>Another program holds {keys}: choose another combination.</source>
        <translation>Сочетание {keys} занято другой программой: выберите другое.</translation>
    </message>
    <message>
        <source>{keys} cannot be a global hotkey: use Ctrl, Alt or Meta.</source>
        <translation>{keys} не может быть глобальной горячей клавишей: используйте Ctrl, Alt или Meta.</translation>
    </message>
    <message>
        <source>From any program, the combination brings up the next unread conversation assigned to you.</source>
        <translation>Из любой программы это сочетание открывает следующий непрочитанный разговор, назначенный вам.</translation>
    </message>
    <message>
        <source>The red threshold must be later than the amber one.</source>
        <translation>Красный порог должен быть позже жёлтого.</translation>
    </message>
    <message>
        <source>The signature was not saved: {reason}</source>
        <translation>Подпись не сохранена: {reason}</translation>
    </message>
</context>
<context>
    <name>QuickReplyWindow</name>
    <message>
        <source>Reply to the customer. Type / for canned responses</source>
        <translation>Ответ клиенту. Введите / для шаблонов ответов</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Open in window</source>
        <translation>Открыть в окне</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Личная заметка</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Reply to {name}</source>
        <translation>Ответ: {name}</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>Сообщений пока нет</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, Esc closes</source>
        <translation>Enter отправляет, Shift+Enter — новая строка, Esc закрывает</translation>
    </message>
    <message>
        <source>signature added</source>
        <translation>подпись добавится</translation>
    </message>
    <message>
        <source>Private note: only your team sees it. Type / for canned responses</source>
        <translation>Личная заметка: её видит только ваша команда. Введите / для шаблонов ответов</translation>
    </message>
</context>
<context>
    <name>RepliesByHourChart</name>
    <message>
        <source>Replies by hour of day</source>
        <translation>Ответы по часам суток</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Ответы</translation>
    </message>
</context>
<context>
    <name>ResponseTimesChart</name>
    <message>
        <source>How fast I answered</source>
        <translation>Как быстро я отвечал</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Первый ответ</translation>
    </message>
    <message>
        <source>Reply time</source>
        <translation>Время ответа</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — Operator Desktop</source>
        <translation>Вход — Operator Desktop</translation>
    </message>
    <message>
        <source>Sign in to Chatwoot</source>
        <translation>Вход в Chatwoot</translation>
    </message>
    <message>
        <source>https://chat.example.com</source>
        <translation>https://chat.example.com</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Попробовать демо</translation>
    </message>
    <message>
        <source>Explore the app with a built-in demo server and sample conversations</source>
        <translation>Познакомьтесь с приложением на встроенном демо-сервере с примерами диалогов</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>you@company.com</source>
        <translation>you@company.com</translation>
    </message>
    <message>
        <source>Use an access token instead</source>
        <translation>Войти с токеном доступа</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Paste your access token</source>
        <translation>Вставьте токен доступа</translation>
    </message>
    <message>
        <source>In Chatwoot, open Profile settings and copy the access token.</source>
        <translation>В Chatwoot откройте «Настройки профиля» и скопируйте токен доступа.</translation>
    </message>
    <message>
        <source>Use email and password instead</source>
        <translation>Войти по эл. почте и паролю</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Токен доступа</translation>
    </message>
    <message>
        <source>You belong to several accounts. Choose the one to open:</source>
        <translation>Вы состоите в нескольких аккаунтах. Выберите, какой открыть:</translation>
    </message>
    <message>
        <source>Use the email and password of your agent account.</source>
        <translation>Введите эл. почту и пароль своей учётной записи агента.</translation>
    </message>
    <message>
        <source>Sign in with a personal access token.</source>
        <translation>Вход с личным токеном доступа.</translation>
    </message>
    <message>
        <source>Two-factor authentication</source>
        <translation>Двухфакторная аутентификация</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Choose an account</source>
        <translation>Выберите аккаунт</translation>
    </message>
    <message>
        <source>Enter one of your backup codes.</source>
        <translation>Введите один из резервных кодов.</translation>
    </message>
    <message>
        <source>Backup code</source>
        <translation>Резервный код</translation>
    </message>
    <message>
        <source>Use the authenticator app instead</source>
        <translation>Использовать приложение-аутентификатор</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Введите 6-значный код из приложения-аутентификатора.</translation>
    </message>
    <message>
        <source>Use a backup code instead</source>
        <translation>Использовать резервный код</translation>
    </message>
    <message>
        <source>The server did not accept this access token.</source>
        <translation>Сервер не принял этот токен доступа.</translation>
    </message>
    <message>
        <source>This address does not look like a Chatwoot server. Check the server address.</source>
        <translation>Похоже, по этому адресу нет сервера Chatwoot. Проверьте адрес сервера.</translation>
    </message>
    <message>
        <source>That backup code was not accepted.</source>
        <translation>Этот резервный код не принят.</translation>
    </message>
    <message>
        <source>Enter the server address, for example https://chat.example.com.</source>
        <translation>Введите адрес сервера, например https://chat.example.com.</translation>
    </message>
    <message>
        <source>Enter the email address you sign in to Chatwoot with.</source>
        <translation>Введите адрес эл. почты, с которым вы входите в Chatwoot.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <source>Enter a backup code.</source>
        <translation>Введите резервный код.</translation>
    </message>
    <message>
        <source>Enter the 6 digits your authenticator app shows.</source>
        <translation>Введите 6 цифр, которые показывает приложение-аутентификатор.</translation>
    </message>
    <message>
        <source>Paste your access token.</source>
        <translation>Вставьте токен доступа.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Агент</translation>
    </message>
    <message>
        <source>{0}  ·  {1}</source>
        <translation>{0}  ·  {1}</translation>
    </message>
    <message>
        <source>{0}  ·  suspended</source>
        <translation>{0}  ·  приостановлен</translation>
    </message>
    <message>
        <source>This account is suspended and cannot be opened.</source>
        <translation>Этот аккаунт приостановлен, открыть его нельзя.</translation>
    </message>
    <message>
        <source>Choose an account.</source>
        <translation>Выберите аккаунт.</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze until</source>
        <translation>Отложить до</translation>
    </message>
    <message>
        <source>Snooze this conversation until:</source>
        <translation>Отложить этот диалог до:</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <source>0–1 min</source>
        <translation>0–1 мин</translation>
    </message>
    <message>
        <source>1–5 min</source>
        <translation>1–5 мин</translation>
    </message>
    <message>
        <source>5–15 min</source>
        <translation>5–15 мин</translation>
    </message>
    <message>
        <source>15–60 min</source>
        <translation>15–60 мин</translation>
    </message>
    <message>
        <source>1–4 h</source>
        <translation>1–4 ч</translation>
    </message>
    <message>
        <source>4 h +</source>
        <translation>4 ч +</translation>
    </message>
</context>
<context>
    <name>StatsFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <source>My statistics — Operator Desktop</source>
        <translation>Моя статистика — Operator Desktop</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Выбрать даты</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Compute again (F5)</source>
        <translation>Пересчитать (F5)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Экспорт PNG…</translation>
    </message>
    <message>
        <source>Conversations handled</source>
        <translation>Обработано диалогов</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>Отправлено сообщений</translation>
    </message>
    <message>
        <source>First response (median)</source>
        <translation>Первый ответ (медиана)</translation>
    </message>
    <message>
        <source>Reply time (median)</source>
        <translation>Время ответа (медиана)</translation>
    </message>
    <message>
        <source>Customers waiting now</source>
        <translation>Клиентов ждут сейчас</translation>
    </message>
    <message>
        <source>Why they differ: the server counts from its own reporting events over the whole history, while these figures come from what this computer has cached (older messages of a conversation may not be). The server gives averages, which a few slow answers pull up; here they are medians and 90th percentiles. Its first response runs from when the conversation was created, its conversations are those created in the period and now assigned to you, and with business hours on it counts working time only.</source>
        <translation>Почему они расходятся: сервер считает по своим событиям отчётности за всю историю, а здесь показатели считаются по тому, что сохранено в кэше этого компьютера (ранние сообщения диалога могут в него не попасть). Сервер даёт средние значения, которые несколько медленных ответов завышают; здесь — медианы и 90-е процентили. Первый ответ сервер отсчитывает от создания диалога, диалогами считает созданные за период и назначенные вам сейчас, а с учётом рабочих часов считает только рабочее время.</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <source>Beside the server&apos;s figures</source>
        <translation>Рядом с данными сервера</translation>
    </message>
    <message>
        <source>Asking the server for its figures…</source>
        <translation>Запрашиваем данные сервера…</translation>
    </message>
    <message>
        <source>Nothing is cached for %1.

The statistics are computed from the conversations this computer has cached; choose another period, or let the app sync while online.</source>
        <translation>За %1 в кэше ничего нет.

Статистика считается по диалогам, сохранённым на этом компьютере; выберите другой период или дайте приложению синхронизироваться при подключении к сети.</translation>
    </message>
    <message>
        <source>with a reply of mine</source>
        <translation>с моим ответом</translation>
    </message>
    <message>
        <source>marked resolved by me</source>
        <translation>решены мной</translation>
    </message>
    <message>
        <source>replies and private notes</source>
        <translation>ответы и личные заметки</translation>
    </message>
    <message>
        <source>open, mine, awaiting a reply</source>
        <translation>открыты, мои, ждут ответа</translation>
    </message>
    <message numerus="yes">
        <source>Computed from %n conversation(s) cached for %1; the cache holds messages since %2.</source>
        <translation>
            <numerusform>По %n диалогу из кэша за %1; в кэше сообщения начиная с %2.</numerusform>
            <numerusform>По %n диалогам из кэша за %1; в кэше сообщения начиная с %2.</numerusform>
            <numerusform>По %n диалогам из кэша за %1; в кэше сообщения начиная с %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing measured</source>
        <translation>нечего измерить</translation>
    </message>
    <message numerus="yes">
        <source>90% within %1 · %n measured</source>
        <translation>
            <numerusform>90% за %1 · %n замер</numerusform>
            <numerusform>90% за %1 · %n замера</numerusform>
            <numerusform>90% за %1 · %n замеров</numerusform>
        </translation>
    </message>
    <message>
        <source>The server&apos;s report has no row for you.</source>
        <translation>В отчёте сервера нет строки для вас.</translation>
    </message>
    <message>
        <source>The server&apos;s own figures for the same period.</source>
        <translation>Данные самого сервера за тот же период.</translation>
    </message>
    <message>
        <source>Server figures unavailable offline: showing the cached ones only.</source>
        <translation>Данные сервера недоступны без сети: показаны только данные кэша.</translation>
    </message>
    <message>
        <source>The server shows its reports to administrators only.</source>
        <translation>Сервер показывает отчёты только администраторам.</translation>
    </message>
    <message>
        <source>The server&apos;s figures could not be read: %1</source>
        <translation>Не удалось получить данные сервера: %1</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>Экспорт статистики</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>Экспорт графиков</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
</context>
<context>
    <name>StatusBarWidget</name>
    <message>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Занят</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message>
        <source>Your availability for this account</source>
        <translation>Ваш статус доступности в этом аккаунте</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Войти снова</translation>
    </message>
    <message>
        <source>Offline since {0}</source>
        <translation>Нет связи с {0}</translation>
    </message>
    <message>
        <source>Synced {0}</source>
        <translation>Синхронизировано: {0}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ещё не синхронизировано</translation>
    </message>
    <message>
        <source>First sync: {0} of {1}</source>
        <translation>Первая синхронизация: {0} из {1}</translation>
    </message>
    <message>
        <source>Availability not changed</source>
        <translation>Статус доступности не изменён</translation>
    </message>
</context>
<context>
    <name>SuggestionRow</name>
    <message>
        <source>Suggested:</source>
        <translation>Варианты:</translation>
    </message>
    <message>
        <source>Canned response /{code}</source>
        <translation>Шаблон ответа /{code}</translation>
    </message>
    <message>
        <source>Your team&apos;s earlier reply to a similar question</source>
        <translation>Прежний ответ вашей команды на похожий вопрос</translation>
    </message>
    <message>
        <source>Alt+{n} or click inserts it</source>
        <translation>Alt+{n} или щелчок вставляет его</translation>
    </message>
</context>
<context>
    <name>TeamWindow</name>
    <message>
        <source>Team — Operator Desktop</source>
        <translation>Команда — Operator Desktop</translation>
    </message>
    <message>
        <source>Only administrators can change the team. You see it as it is.</source>
        <translation>Изменять команду могут только администраторы. Вы видите её как есть.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Read the lists from the server again (F5)</source>
        <translation>Заново прочитать списки с сервера (F5)</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <source>Canned responses</source>
        <translation>Готовые ответы</translation>
    </message>
    <message>
        <source>Find an agent by name or email</source>
        <translation>Найти оператора по имени или почте</translation>
    </message>
    <message>
        <source>No agents are cached yet; they come with a sync.</source>
        <translation>Операторов в кэше пока нет; они появятся после синхронизации.</translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation>Пригласить…</translation>
    </message>
    <message>
        <source>Make administrator</source>
        <translation>Сделать администратором</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <source>Save inboxes</source>
        <translation>Сохранить каналы</translation>
    </message>
    <message>
        <source>Inboxes</source>
        <translation>Каналы</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Новый…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <source>{0} (you)</source>
        <translation>{0} (вы)</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Занят</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message>
        <source>Reading the team from the server…</source>
        <translation>Читаем команду с сервера…</translation>
    </message>
    <message>
        <source>The server cannot be reached: these are the lists as last cached.</source>
        <translation>Сервер недоступен: показаны списки, сохранённые в кэше.</translation>
    </message>
    <message>
        <source>Choose an agent to see their inboxes.</source>
        <translation>Выберите оператора, чтобы увидеть его каналы.</translation>
    </message>
    <message>
        <source>Inbox membership is read from the server when it can be reached.</source>
        <translation>Состав каналов читается с сервера, когда он доступен.</translation>
    </message>
    <message>
        <source>Administrators see every inbox, whether they are members or not.</source>
        <translation>Администраторы видят все каналы, даже если не состоят в них.</translation>
    </message>
    <message>
        <source>Only the inboxes you belong to are shown.</source>
        <translation>Показаны только каналы, в которых состоите вы.</translation>
    </message>
    <message>
        <source>Only administrators can change this</source>
        <translation>Изменять это могут только администраторы</translation>
    </message>
    <message>
        <source>Make agent</source>
        <translation>Сделать оператором</translation>
    </message>
    <message>
        <source>Invite someone by email (Ctrl+N)</source>
        <translation>Пригласить по электронной почте (Ctrl+N)</translation>
    </message>
    <message>
        <source>Switch the selected agent between agent and administrator</source>
        <translation>Переключить выбранного между ролями оператора и администратора</translation>
    </message>
    <message>
        <source>Take the selected agent out of this account</source>
        <translation>Исключить выбранного оператора из этого аккаунта</translation>
    </message>
    <message>
        <source>Make the ticked inboxes the agent&apos;s inboxes</source>
        <translation>Сделать отмеченные каналы каналами оператора</translation>
    </message>
    <message>
        <source>Write a new canned response (Ctrl+N)</source>
        <translation>Написать новый готовый ответ (Ctrl+N)</translation>
    </message>
    <message>
        <source>Change the selected canned response</source>
        <translation>Изменить выбранный готовый ответ</translation>
    </message>
    <message>
        <source>Delete the selected canned response</source>
        <translation>Удалить выбранный готовый ответ</translation>
    </message>
    <message>
        <source>{0} was invited.</source>
        <translation>{0}: приглашение отправлено.</translation>
    </message>
    <message>
        <source>Stop being an administrator?</source>
        <translation>Перестать быть администратором?</translation>
    </message>
    <message>
        <source>You will no longer be able to change the team or the canned responses; another administrator can make you one again.</source>
        <translation>Вы больше не сможете изменять команду и готовые ответы; вернуть права может другой администратор.</translation>
    </message>
    <message>
        <source>Make me an agent</source>
        <translation>Сделать меня оператором</translation>
    </message>
    <message>
        <source>{0} is now an administrator.</source>
        <translation>{0} теперь администратор.</translation>
    </message>
    <message>
        <source>{0} is now an agent.</source>
        <translation>{0} теперь оператор.</translation>
    </message>
    <message>
        <source>Remove {0} from this account?</source>
        <translation>Исключить {0} из этого аккаунта?</translation>
    </message>
    <message>
        <source>They lose access to its conversations, and those assigned to them become unassigned. They can be invited again later.</source>
        <translation>Доступ к его диалогам пропадёт, а назначенные на него диалоги останутся без исполнителя. Позже его можно пригласить снова.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Исключить</translation>
    </message>
    <message>
        <source>{0} was removed.</source>
        <translation>{0}: исключён из аккаунта.</translation>
    </message>
    <message>
        <source>{0}&apos;s inboxes were saved.</source>
        <translation>Каналы оператора {0} сохранены.</translation>
    </message>
    <message>
        <source>No canned response matches “{0}”.</source>
        <translation>Нет готовых ответов по запросу «{0}».</translation>
    </message>
    <message>
        <source>There are no canned responses yet.</source>
        <translation>Готовых ответов пока нет.</translation>
    </message>
    <message>
        <source>/{0} was added.</source>
        <translation>/{0} добавлен.</translation>
    </message>
    <message>
        <source>/{0} was saved.</source>
        <translation>/{0} сохранён.</translation>
    </message>
    <message>
        <source>Delete /{0}?</source>
        <translation>Удалить /{0}?</translation>
    </message>
    <message>
        <source>Nobody can insert it any more. This cannot be undone.</source>
        <translation>Его больше нельзя будет вставить. Это действие нельзя отменить.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>/{0} was deleted.</source>
        <translation>/{0} удалён.</translation>
    </message>
    <message>
        <source>Only administrators can do this; the server refused it.</source>
        <translation>Это могут только администраторы; сервер отказал.</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>вчера</translation>
    </message>
    <message>
        <source>{0}s</source>
        <translation>{0} с</translation>
    </message>
    <message>
        <source>{0}m</source>
        <translation>{0} мин</translation>
    </message>
    <message>
        <source>{0}h</source>
        <translation>{0} ч</translation>
    </message>
    <message>
        <source>{0}d</source>
        <translation>{0} дн</translation>
    </message>
</context>
<context>
    <name>TranscriptBrowser</name>
    <message>
        <source>Transcripts — Operator Desktop</source>
        <translation>Архив переписки — Operator Desktop</translation>
    </message>
    <message>
        <source>Search every cached transcript…</source>
        <translation>Поиск по всей сохранённой переписке…</translation>
    </message>
    <message>
        <source>Best match first</source>
        <translation>Сначала лучшие совпадения</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Hide resolved</source>
        <translation>Скрыть решённые</translation>
    </message>
    <message>
        <source>Open a conversation from the results.</source>
        <translation>Откройте диалог из результатов.</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Предыдущее совпадение</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Следующее совпадение</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Every inbox</source>
        <translation>Все каналы</translation>
    </message>
    <message>
        <source>Any agent</source>
        <translation>Любой агент</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>Любая метка</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыт</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>В ожидании</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Отложен</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решён</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message numerus="yes">
        <source>The best %n conversations; add words or filters to narrow them.</source>
        <translation>
            <numerusform>Показан %n лучший диалог; уточните слова или фильтры.</numerusform>
            <numerusform>Показаны %n лучших диалога; уточните слова или фильтры.</numerusform>
            <numerusform>Показаны %n лучших диалогов; уточните слова или фильтры.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n диалог</numerusform>
            <numerusform>%n диалога</numerusform>
            <numerusform>%n диалогов</numerusform>
        </translation>
    </message>
    <message>
        <source>No cached transcript matches. Try other words or fewer filters.</source>
        <translation>В сохранённой переписке совпадений нет. Попробуйте другие слова или меньше фильтров.</translation>
    </message>
    <message>
        <source>No cached conversation passes these filters.</source>
        <translation>Ни один сохранённый диалог не подходит под эти фильтры.</translation>
    </message>
    <message>
        <source>Match %1 of %2</source>
        <translation>Совпадение %1 из %2</translation>
    </message>
</context>
<context>
    <name>TranscriptResultDelegate</name>
    <message>
        <source>resolved</source>
        <translation>решён</translation>
    </message>
</context>
<context>
    <name>TranscriptWording</name>
    <message>
        <source>Conversation #{id} with {who}</source>
        <translation>Диалог №{id} с {who}</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Канал</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Метки</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начат</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Последняя активность</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>{url} (account {account})</source>
        <translation>{url} (аккаунт {account})</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>private note</source>
        <translation>личная заметка</translation>
    </message>
    <message>
        <source>[deleted]</source>
        <translation>[удалено]</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} байт</translation>
    </message>
    <message>
        <source>Operator Desktop transcripts</source>
        <translation>Переписка Operator Desktop</translation>
    </message>
    <message>
        <source>Operator Desktop transcripts (redacted)</source>
        <translation>Переписка Operator Desktop (без персональных данных)</translation>
    </message>
    <message>
        <source>open</source>
        <translation>открыт</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>отложен</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>решён</translation>
    </message>
    <message>
        <source>image</source>
        <translation>изображение</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>аудио</translation>
    </message>
    <message>
        <source>video</source>
        <translation>видео</translation>
    </message>
    <message>
        <source>file</source>
        <translation>файл</translation>
    </message>
    <message>
        <source>location</source>
        <translation>место</translation>
    </message>
    <message>
        <source>contact card</source>
        <translation>контакт</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Open Operator Desktop</source>
        <translation>Открыть Operator Desktop</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <source>Busy (only mentions and assignments notify)</source>
        <translation>Занят (уведомления только об упоминаниях и назначениях)</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
    <message numerus="yes">
        <source>Operator Desktop: %n conversation(s) waiting</source>
        <translation>
            <numerusform>Operator Desktop: ждёт %n диалог</numerusform>
            <numerusform>Operator Desktop: ждут %n диалога</numerusform>
            <numerusform>Operator Desktop: ждут %n диалогов</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator Desktop: nothing waiting</source>
        <translation>Operator Desktop: никто не ждёт</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The server no longer accepts this sign-in. Sign in again; your cached conversations are kept.</source>
        <translation>Сервер больше не принимает этот вход. Войдите снова — сохранённые диалоги останутся.</translation>
    </message>
    <message>
        <source>You are not allowed to do this on the server.</source>
        <translation>У вас нет прав на это действие на сервере.</translation>
    </message>
    <message>
        <source>This account is suspended.</source>
        <translation>Этот аккаунт приостановлен.</translation>
    </message>
    <message>
        <source>It no longer exists on the server.</source>
        <translation>Этого больше нет на сервере.</translation>
    </message>
    <message>
        <source>The server refused the change.</source>
        <translation>Сервер отклонил изменение.</translation>
    </message>
    <message>
        <source>Too many attempts: the server is limiting requests from this address. Wait a few minutes, then try again.</source>
        <translation>Слишком много попыток: сервер ограничивает запросы с этого адреса. Подождите несколько минут и повторите попытку.</translation>
    </message>
    <message>
        <source>The server had an internal error. Try again later.</source>
        <translation>Внутренняя ошибка сервера. Повторите попытку позже.</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your connection.</source>
        <translation>Не удаётся связаться с сервером. Проверьте адрес и подключение к сети.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Сервер не ответил вовремя.</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified.</source>
        <translation>Не удалось проверить сертификат безопасности сервера.</translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation>Неверная эл. почта или пароль.</translation>
    </message>
    <message>
        <source>The server did not accept this access token. Copy it again from your profile.</source>
        <translation>Сервер не принял этот токен доступа. Скопируйте его заново из профиля.</translation>
    </message>
    <message>
        <source>This is not a valid server address, e.g. https://chat.example.com</source>
        <translation>Это не адрес сервера; пример: https://chat.example.com</translation>
    </message>
    <message>
        <source>This account needs a two-factor code.</source>
        <translation>Для этой учётной записи нужен код двухфакторной аутентификации.</translation>
    </message>
    <message>
        <source>That code was not accepted. Check it and try again.</source>
        <translation>Код не принят. Проверьте его и попробуйте снова.</translation>
    </message>
    <message>
        <source>The server sent something this app does not understand.</source>
        <translation>Сервер прислал ответ, который приложение не понимает.</translation>
    </message>
    <message>
        <source>No usable system keyring was found to keep the sign-in safe.</source>
        <translation>Не найдено системное хранилище ключей, чтобы надёжно сохранить данные входа.</translation>
    </message>
    <message>
        <source>The system keyring is locked. Unlock it and try again.</source>
        <translation>Системное хранилище ключей заблокировано. Разблокируйте его и попробуйте снова.</translation>
    </message>
    <message>
        <source>You are not signed in.</source>
        <translation>Вы не вошли в систему.</translation>
    </message>
    <message>
        <source>Several accounts are signed in. Choose one.</source>
        <translation>Выполнен вход в несколько аккаунтов. Выберите один.</translation>
    </message>
    <message>
        <source>The local cache could not be used.</source>
        <translation>Не удалось использовать локальный кэш.</translation>
    </message>
    <message>
        <source>Another Operator Desktop process is using the local cache. Try again.</source>
        <translation>Локальный кэш занят другим процессом Operator Desktop. Повторите попытку.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>Диск заполнен. Освободите место и повторите попытку.</translation>
    </message>
    <message>
        <source>The data folder is read-only: cached conversations can be read, not changed.</source>
        <translation>Папка данных доступна только для чтения: сохранённые диалоги можно читать, но не изменять.</translation>
    </message>
    <message>
        <source>The local cache is damaged. It is rebuilt the next time Operator Desktop starts; replies not sent yet are kept.</source>
        <translation>Локальный кеш повреждён. Он будет восстановлен при следующем запуске Operator Desktop; неотправленные ответы сохранятся.</translation>
    </message>
    <message>
        <source>The local cache is encrypted, and the system keyring has no key for it (a data folder from another computer, or a reset keyring). It is kept as it is; a new cache can be started instead.</source>
        <translation>Локальный кеш зашифрован, а в системном хранилище ключей нет ключа к нему (папка данных с другого компьютера или сброшенное хранилище ключей). Кеш сохранён как есть; вместо него можно начать новый.</translation>
    </message>
    <message>
        <source>The local cache cannot be decrypted with the key in the system keyring. It is kept as it is; a new cache can be started instead.</source>
        <translation>Локальный кеш не удаётся расшифровать ключом из системного хранилища ключей. Кеш сохранён как есть; вместо него можно начать новый.</translation>
    </message>
    <message>
        <source>This is not in the local cache yet; it arrives with the next sync.</source>
        <translation>Этого ещё нет в локальном кеше; оно появится после следующей синхронизации.</translation>
    </message>
    <message>
        <source>The export could not be written.</source>
        <translation>Не удалось записать файл экспорта.</translation>
    </message>
    <message>
        <source>The chat-rules file cannot be used; the default rules apply.</source>
        <translation>Файл правил чата не удалось использовать; действуют правила по умолчанию.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Что-то пошло не так.</translation>
    </message>
    <message>
        <source>The server refused the change: {0}</source>
        <translation>Сервер отклонил изменение: {0}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>This account is suspended: {0}</source>
        <translation>Этот аккаунт приостановлен: {0}</translation>
    </message>
</context>
<context>
    <name>gui</name>
    <message>
        <source>Opening the local cache…</source>
        <translation>Открываем локальный кеш…</translation>
    </message>
    <message>
        <source>Operator Desktop</source>
        <translation>Operator Desktop</translation>
    </message>
    <message>
        <source>Encrypting attachment files: {done} of {total}</source>
        <translation>Шифрование вложений: {done} из {total}</translation>
    </message>
    <message>
        <source>Decrypting attachment files: {done} of {total}</source>
        <translation>Расшифровка вложений: {done} из {total}</translation>
    </message>
    <message>
        <source>Encrypting the local cache…</source>
        <translation>Шифрование локального кеша…</translation>
    </message>
    <message>
        <source>Decrypting the local cache…</source>
        <translation>Расшифровка локального кеша…</translation>
    </message>
    <message>
        <source>The local cache was not switched; it stays as it was.</source>
        <translation>Режим локального кеша не изменён; он остался прежним.</translation>
    </message>
    <message>
        <source>The local cache was damaged and has been rebuilt. Sign-ins, drafts and replies not sent yet were kept; conversations come back with the next sync.</source>
        <translation>Локальный кеш был повреждён и создан заново. Входы в аккаунты, черновики и неотправленные ответы сохранены; диалоги вернутся при следующей синхронизации.</translation>
    </message>
    <message>
        <source>The damaged copy is kept at {path}.</source>
        <translation>Повреждённая копия сохранена в {path}.</translation>
    </message>
    <message>
        <source>A new cache is filled again by the next sync. The unreadable file is kept beside it; drafts and replies not sent yet that are in it are not.</source>
        <translation>Новый кеш заполнится при следующей синхронизации. Нечитаемый файл останется рядом с ним; черновики и неотправленные ответы из него не сохранятся.</translation>
    </message>
    <message>
        <source>Start a new cache</source>
        <translation>Начать новый кеш</translation>
    </message>
    <message>
        <source>Operator Desktop cannot start.</source>
        <translation>Operator Desktop не может запуститься.</translation>
    </message>
    <message>
        <source> — demo</source>
        <translation> — демо</translation>
    </message>
    <message>
        <source>The sign-in for {server} was not found in the keyring.</source>
        <translation>Данные входа для {server} не найдены в хранилище ключей.</translation>
    </message>
    <message>
        <source>Still running in the tray. Quit from its menu, or with Ctrl+Q.</source>
        <translation>Приложение продолжает работать в системном лотке. Выйти можно из его меню или по Ctrl+Q.</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in. Sign in again.</source>
        <translation>Сервер больше не принимает этот вход. Войдите снова.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Sign out of this account?</source>
        <translation>Выйти из этой учётной записи?</translation>
    </message>
    <message>
        <source>The access token is removed from the keyring. The cached conversations can stay on this computer for offline reading, or be deleted.</source>
        <translation>Токен доступа будет удалён из хранилища ключей. Сохранённые диалоги можно оставить на этом компьютере для чтения без сети или удалить.</translation>
    </message>
    <message>
        <source>Sign out, keep cached data</source>
        <translation>Выйти, сохранив данные</translation>
    </message>
    <message>
        <source>Sign out and delete cached data</source>
        <translation>Выйти и удалить данные</translation>
    </message>
</context>
</TS>
