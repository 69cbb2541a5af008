"""Corpora for the chat-rules guard: replies with planted cases, and ordinary clean replies.

A planted case is marked in its text as `⟦R|words⟧`, the letter naming the rule (R rudeness,
P personal data, S shouting, M mention); `unmark` gives the plain text and the spans the
guard must find in it, so every expected offset is worked out from the marks, not from the
guard.
"""

from __future__ import annotations

import re

RULES = {"R": "rudeness", "P": "personal-data", "S": "shouting", "M": "mention"}
_MARK = re.compile(r"⟦([RPSM])\|(.*?)⟧", re.DOTALL)

Span = tuple[str, int, int, str]  # rule, start, end, text


def unmark(marked: str) -> tuple[str, set[Span]]:
    """The plain text and the (rule, start, end, text) of every marked case in it."""
    plain: list[str] = []
    spans: set[Span] = set()
    length = 0
    position = 0
    for match in _MARK.finditer(marked):
        before = marked[position : match.start()]
        plain.append(before)
        length += len(before)
        words = match.group(2)
        spans.add((RULES[match.group(1)], length, length + len(words), words))
        plain.append(words)
        length += len(words)
        position = match.end()
    plain.append(marked[position:])
    return "".join(plain), spans


# colleagues of the account for the mention cases (as the cache would list them)
AGENTS = ("John Smith", "Maria Ivanova", "Пётр Сидоров", "Мария Кузнецова", "Ann")

PLANTED_RU = [
    "Вы ⟦R|идиот⟧, что ли? Я уже три раза объяснил.",
    "С такими ⟦R|идиотами⟧ работать невозможно.",
    "Не будьте ⟦R|дураком⟧, прочитайте инструкцию.",
    "Это ⟦R|дурацкий⟧ вопрос.",
    "Вы что, ⟦R|тупой⟧? Заказ уже доставлен.",
    "Какие же вы ⟦R|тупые⟧!",
    "Только ⟦R|кретины⟧ так пишут.",
    "Отстаньте, ⟦R|придурки⟧.",
    "⟦R|Заткнись⟧ и жди курьера.",
    "А это ⟦R|не ваше дело⟧, где сейчас курьер.",
    "Ну и ⟦R|не твоё дело⟧.",
    "Деньги не вернём, ⟦R|это ваши проблемы⟧.",
    "⟦R|Сами виноваты⟧, надо было читать условия.",
    "Мне ⟦R|похуй⟧ на ваш заказ.",
    "Вы меня ⟦R|заебали⟧ своими вопросами.",
    "⟦R|Блять⟧, опять этот заказ.",
    "Какой ⟦R|пиздец⟧ с этой доставкой.",
    "⟦R|Отвали⟧ уже.",
    "Вы ⟦R|ублюдок⟧ и ⟦R|хам⟧.",
    "Ваш номер ⟦P|+7 912 345-67-89⟧ мы передали курьеру.",
    "Позвоните Ивану по ⟦P|8 (495) 123-45-67⟧, он всё объяснит.",
    "Напишите Марии на ⟦P|maria.petrova@mail.ru⟧, она поможет.",
    "Карта клиента ⟦P|4111 1111 1111 1111⟧ уже привязана.",
    "Оплатите на счёт ⟦P|DE89 3704 0044 0532 0130 00⟧ до пятницы.",
    "Паспорт покупателя ⟦P|45 06 123456⟧, проверьте.",
    "Её телефон ⟦P|4740708362⟧, звоните после обеда.",
    "Карта клиента ⟦P|1234567812345670⟧, спишите с неё.",
    "Оплата прошла с ⟦P|4111111111111111⟧.",
    "Телефон заказчика ⟦P|8 912 345-67-89⟧, адрес в заявке.",
    "⟦S|ВЫ ВООБЩЕ ЧИТАЕТЕ ЧТО Я ПИШУ⟧?",
    "Повторяю: ⟦S|ЗАКАЗ УЖЕ ОТПРАВЛЕН ВЧЕРА⟧!!!",
    "⟦M|@Мария⟧, посмотри этот заказ, пожалуйста.",
    "Передаю ⟦M|@Петр Сидоров⟧, он разберётся с возвратом.",
    "Клиент ⟦R|хамит⟧, ⟦M|@Ann⟧ подключись.",
]

PLANTED_EN = [
    "Are you an ⟦R|idiot⟧? I told you twice.",
    "Only ⟦R|idiots⟧ order the wrong size.",
    "That is a ⟦R|stupid⟧ question.",
    "Stop acting ⟦R|stupidly⟧ and read the email.",
    "You ⟦R|morons⟧ never read anything.",
    "What a ⟦R|dumb⟧ idea.",
    "⟦R|Shut up⟧ and wait for the courier.",
    "Where the parcel is, is ⟦R|none of your business⟧.",
    "Sorry, ⟦R|not my problem⟧.",
    "⟦R|That's your problem⟧, not ours.",
    "⟦R|Get lost⟧.",
    "This is ⟦R|bullshit⟧.",
    "What the ⟦R|fuck⟧ is wrong with you?",
    "Your ⟦R|fucking⟧ order is late, so what.",
    "That's ⟦R|shitty⟧ luck.",
    "Stop being such a ⟦R|jerk⟧.",
    "You are ⟦R|pathetic⟧.",
    "Call John at ⟦P|+44 20 7946 0958⟧ tomorrow.",
    "Her number is ⟦P|+1 415 555 2671⟧.",
    "Write to ⟦P|john.doe@example.com⟧ for the invoice.",
    "The card ⟦P|5555 5555 5555 4444⟧ was charged.",
    "Pay to ⟦P|GB82WEST12345698765432⟧ please.",
    "Passport No. ⟦P|4506123456⟧ is on file.",
    "⟦S|I ALREADY TOLD YOU THIS TWICE⟧.",
    "Again: ⟦S|PLEASE READ THE MESSAGE⟧!",
    "⟦M|@John⟧ can you check the refund?",
    "Looping in ⟦M|@Maria Ivanova⟧ for the invoice.",
    "⟦M|@ann⟧ please take over, this is ⟦R|bullshit⟧.",
]

_GREETINGS_RU = [
    "Здравствуйте!",
    "Добрый день!",
    "Добрый вечер, Анна!",
    "Спасибо за обращение.",
    "Благодарим за ожидание.",
]
_GREETINGS_EN = ["Hello!", "Hi there!", "Good afternoon, Mark.", "Thanks for reaching out."]

CLEAN_FIXED = [
    "Здравствуйте! Ваш заказ №123456 передан в службу доставки.",
    "Заказ № 100234 собран и ждёт курьера.",
    "Номер вашего заказа: 2025031212345.",
    "Сумма к оплате: 1 299,00 ₽.",
    "Итого 2 500 руб., доставка бесплатная.",
    "Стоимость доставки 349 ₽, срок 2–3 дня.",
    "Возврат 4 990,50 ₽ поступит на карту в течение 10 рабочих дней.",
    "Курьер приедет 12.03.2025 с 14:30 до 18:00.",
    "Доставка запланирована на 2025-03-12, интервал 10:00–14:00.",
    "Пункт выдачи работает с 9:00 до 21:00 без выходных.",
    "Посылка прибудет 12/03/2025.",
    "Трек-номер: RA123456789CN, отследить можно на сайте Почты России.",
    "Трек для СДЭК: 1234567890, статус обновится вечером.",
    "Номер отправления 80081234567890.",
    "Реквизиты продавца: ООО «Ромашка», ИНН 7707083893, КПП 773601001, ОГРН 1027700132195.",
    "БИК 044525225, расчётный счёт 40702810900000012345.",
    "Реквизиты: ООО «Вектор», ИНН 7182097207. Счёт пришлите на эту почту.",
    "Трек-номер 4740708362, посылку везёт DPD.",
    "По трек-номеру 4964282246 посылка уже в пути.",
    "Заказ №56742, доставка в Екатеринбург, ул. Ленина, д. 30. 27.11.2025 курьер позвонит.",
    "Номер накладной: 9067304407.",
    "Код возврата 1234567812345670, назовите его на пункте выдачи.",
    "Проверяем ваш платёж (47542757092198).",
    "Счёт-фактура № 1542 от 01.02.2025 приложена к письму.",
    "Артикул товара 4607001234567, размер 42.",
    "Штрихкод на коробке: 4 607001 234567.",
    "Модель SM-A546E, 8/256 ГБ, цвет чёрный.",
    "Гарантия 12 месяцев с даты покупки.",
    "Скидка 15% действует до 31 марта.",
    "Промокод SPRING25 даёт скидку 500 ₽ на заказ от 3 000 ₽.",
    "Оформите возврат в личном кабинете, раздел «Заказы».",
    "Мы не страхуем груз сами, но можем оформить страховку у перевозчика.",
    "Рекомендуем застраховать посылку: страхуйте ценные отправления всегда.",
    "Употребляя этот чай, заваривайте его при 80 °C.",
    "Если отвалилась ручка, пришлите фото, и мы заменим чайник.",
    "Боковая панель отвалилась при перевозке? Оформим обмен.",
    "Это тупиковая ветка, курьер не смог подъехать — перезвоним.",
    "Провал в доставке произошёл из-за погоды, приносим извинения.",
    "Себастьян из отдела логистики уже занимается вашим вопросом.",
    "Бляшки на ремне заменим по гарантии.",
    "Коробка 30×20×15 см, вес 1,2 кг.",
    "Упаковка: 5 шт. @ 100 ₽ за штуку.",
    "Подключите кабель USB-C и зарядите устройство до 100%.",
    "Мы отправили SMS с кодом подтверждения.",
    "Счёт в PDF приложен, проверьте, пожалуйста.",
    "OK, меняем адрес доставки.",
    "Пришлите, пожалуйста, ФИО получателя и ИНН организации.",
    "Ответим в течение 24 часов.",
    "Спасибо! Рады были помочь.",
    "Хорошего дня!",
    "Извините за неудобства, мы всё исправим.",
    "Уточните, пожалуйста, удобное время доставки.",
    "Можно ли оставить заказ у консьержа?",
    "Ваша заявка № 56-7890 принята в работу.",
    "Обращение #99812 закрыто, спасибо за терпение.",
    "Мы получили ваш отзыв и передали его руководителю.",
    "Товар есть в наличии на складе в Москве.",
    "Hello! Your order #4521-889 has shipped.",
    "Order 100234567 is ready for pickup.",
    "Your refund of $45.99 was issued today.",
    "The total is €1,299.00 including VAT.",
    "Shipping costs £4.50 and takes 3-5 business days.",
    "The courier will arrive on 2025-03-12 between 2:30 pm and 6 pm.",
    "Delivery is scheduled for 03/12/2025 at 14:30.",
    "We are open Monday to Friday, 9:00-18:00.",
    "Tracking number: 1Z999AA10123456784 (UPS).",
    "Your tracking number is 4740708362.",
    "Order No. 4964282246 has shipped.",
    "Invoice 9154918443 is attached.",
    "Checking your order now (47542757092198).",
    "Your voucher code is 79927398713.",
    "Your DHL tracking number is 1234567890.",
    "The invoice number is INV-2025-00042.",
    "SKU 88-1042-XL is back in stock.",
    "Please assess the damage and send us a photo.",
    "Our class of service includes a free return.",
    "Please pass the parcel to the courier at the door.",
    "Beef jerky is not allowed in international parcels.",
    "Hello, and welcome to our shop!",
    "We dispatched it from Scunthorpe this morning.",
    "Your assistant's cocktail glasses are on the way.",
    "The shell of the device is covered by the warranty.",
    "Please restart the router and wait 30 seconds.",
    "We will call you back within 2 hours.",
    "Thank you for your patience!",
    "Sorry for the delay; we have escalated it.",
    "Could you confirm the delivery address, please?",
    "I have updated the address, OK?",
    "We sent an SMS with the code.",
    "The PDF manual is attached.",
    "Please reply ASAP so we can book the slot.",
    "The USB cable is included in the box.",
    "Our FAQ explains how to change the order.",
    "Ticket #99812 is now closed.",
    "5 pcs @ $3.20 each.",
    "Your case number is 56-7890.",
    "The parcel weighs 2.4 kg and measures 30 x 20 x 15 cm.",
    "Version 4.10.1 fixes the issue.",
    "Discount code SPRING25 gives 10% off.",
    "The warranty covers 24 months.",
    "We dispatched your parcel at 08:15 this morning.",
    "Pick-up point opening hours: 10 am to 8 pm.",
    "The return window is 30 days from delivery.",
    "Your loyalty balance is 1,250 points.",
    "I can read the message fine now, thanks.",
    "Please do not shut the lid while the device updates.",
    "Get the latest version from the app store.",
    "Hello from the support team.",
    "We close at 18:00 on Fridays.",
    "The address on file is 12 Baker Street, London.",
    "Your order ships from warehouse no. 3.",
    "Have a great day!",
]

_ORDER_TEMPLATES_RU = [
    "Ваш заказ №{order} будет доставлен {date} с {time}.",
    "По заказу №{order} оформлен возврат на {price_ru}.",
    "Заказ {order} оплачен: {price_ru}, спасибо!",
]
_ORDER_TEMPLATES_EN = [
    "Your order #{order} will be delivered on {iso} after {time}.",
    "We refunded {price_en} for order #{order}.",
    "Order {order} was paid ({price_en}) on {iso}.",
]
_ORDERS = [
    "123456", "4521-889", "100234", "77-31544", "2025031212345", "998877", "31337",
    "5550123", "A-10442", "2024/117",
]  # fmt: skip
_DATES = ["12.03.2025", "01.04.2025", "28.02.2024", "15.11.2025"]
_ISO = ["2025-03-12", "2025-04-01", "2024-02-28", "2025-11-15"]
_TIMES = ["14:30", "9:00", "10:15", "18:45"]
_PRICES_RU = ["1 299,00 ₽", "349 ₽", "12 500 руб.", "4 990,50 ₽"]
_PRICES_EN = ["$45.99", "€1,299.00", "£4.50", "$1,050"]


def clean_corpus() -> list[str]:
    """At least 200 ordinary replies in Russian and English, none breaking a rule."""
    replies = list(CLEAN_FIXED)
    for index, order in enumerate(_ORDERS):
        for number, template in enumerate(_ORDER_TEMPLATES_RU):
            k = (index + number) % 4
            greeting = _GREETINGS_RU[(index + number) % len(_GREETINGS_RU)]
            body = template.format(
                order=order, date=_DATES[k], time=_TIMES[k], price_ru=_PRICES_RU[k]
            )
            replies.append(f"{greeting} {body}")
        for number, template in enumerate(_ORDER_TEMPLATES_EN):
            k = (index + number + 1) % 4
            greeting = _GREETINGS_EN[(index + number) % len(_GREETINGS_EN)]
            body = template.format(order=order, iso=_ISO[k], time=_TIMES[k], price_en=_PRICES_EN[k])
            replies.append(f"{greeting} {body}")
    # longer replies: three of the fixed ones in a row, as an operator writes them
    for index in range(0, len(CLEAN_FIXED) - 2, 2):
        replies.append(" ".join(CLEAN_FIXED[index : index + 3]))
    return list(dict.fromkeys(replies))
