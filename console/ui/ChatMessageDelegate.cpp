#include "ui/ChatMessageDelegate.h"

#include "models/ChatMessageModel.h"
#include "state/ChatLine.h"

#include <QDateTime>
#include <QListView>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace caredesk::console {

namespace {

constexpr int kOuterMargin = 10;
constexpr int kPaddingX = 10;
constexpr int kPaddingY = 6;
constexpr int kGap = 3;       // between the header, body and footer
constexpr int kRowSpacing = 6; // between lines
constexpr qreal kRadius = 8.0;
constexpr int kNoteBorder = 4;

const QColor kPatientBubble(0xEE, 0xF1, 0xF5);
const QColor kTeamBubble(0xDB, 0xEA, 0xFE);
const QColor kNoteBubble(0xFF, 0xF4, 0xD6);
const QColor kNoteBorderColour(0xD9, 0x77, 0x06);
const QColor kNoteLabel(0x92, 0x40, 0x0E);
const QColor kFailedBorder(0xDC, 0x26, 0x26);
const QColor kMuted(0x6B, 0x72, 0x80);

// Plain text laid out at a width: every character as itself.
struct BodyLayout {
    explicit BodyLayout(const QString &text, const QFont &font, int width)
        : layout(text, font) {
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.setCacheEnabled(true);
        layout.beginLayout();
        qreal y = 0;
        for (;;) {
            QTextLine line = layout.createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(width);
            line.setPosition(QPointF(0, y));
            y += line.height();
            widest = std::max(widest, line.naturalTextWidth());
        }
        layout.endLayout();
        height = static_cast<int>(std::ceil(y));
    }
    QTextLayout layout;
    qreal widest = 0;
    int height = 0;
};

QFont smaller(const QFont &font) {
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.85 : 8.0);
    return small;
}

QString timeText(qint64 ms) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().time(),
                              QLocale::ShortFormat);
}

QString dayText(qint64 ms) {
    const QDate day = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().date();
    const QDate today = QDate::currentDate();
    if (day == today)
        return ChatMessageDelegate::tr("Today");
    if (day == today.addDays(-1))
        return ChatMessageDelegate::tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

} // namespace

struct ChatMessageDelegate::Geometry {
    ChatLine line;
    bool seen = false;
    QString dayHeader; // empty unless this line starts a day
    QString header;    // sender and time
    QString footer;
    QRect dayRect;
    QRect bubble;
    QRect headerRect;
    QRect bodyRect;
    QRect footerRect;
    int height = 0;
};

ChatMessageDelegate::ChatMessageDelegate(QListView *view)
    : QStyledItemDelegate(view)
    , m_view(view) {}

QString ChatMessageDelegate::footerText(const ChatLine &line, bool seen) {
    switch (line.delivery) {
    case ChatLine::Delivery::Sending:
        return tr("Sending…");
    case ChatLine::Delivery::Failed:
        return tr("Not sent: %1 Double-click to try again.").arg(line.failure);
    case ChatLine::Delivery::Delivered:
        break;
    }
    return seen ? tr("Seen") : QString();
}

QString ChatMessageDelegate::senderText(const ChatLine &line) const {
    switch (line.sender) {
    case ChatLine::Sender::Patient:
        return m_patientName.isEmpty() ? tr("Patient") : m_patientName;
    case ChatLine::Sender::System:
        return tr("CareDesk");
    case ChatLine::Sender::Caregiver:
        break;
    }
    if (line.senderId && *line.senderId == m_caregiverId)
        return tr("You");
    return line.senderName.isEmpty() ? tr("Care team") : line.senderName;
}

ChatMessageDelegate::Geometry ChatMessageDelegate::layout(const QStyleOptionViewItem &option,
                                                          const QModelIndex &index) const {
    Geometry g;
    g.line = index.data(ChatMessageModel::LineRole).value<ChatLine>();
    g.seen = index.data(ChatMessageModel::SeenByPatientRole).toBool();
    const int width = std::max(m_view->viewport()->width(), 200);
    const QFont &font = option.font;
    const QFontMetrics small(smaller(font));
    int y = option.rect.top() + kRowSpacing / 2;

    if (index.data(ChatMessageModel::NewDayRole).toBool()) {
        g.dayHeader = dayText(g.line.sentAtMs);
        g.dayRect = QRect(kOuterMargin, y + 4, width - 2 * kOuterMargin, small.height());
        y += small.height() + 12;
    }

    const bool system = g.line.kind == ChatLine::Kind::System;
    const bool note = g.line.kind == ChatLine::Kind::Note;
    const int available = width - 2 * kOuterMargin;
    // Messages take at most three quarters of the width, so who said what
    // reads from the side; notes and system lines span it.
    const int maxBubble = system || note ? available : std::max(available * 3 / 4, 160);
    const int textWidth = maxBubble - 2 * kPaddingX - (note ? kNoteBorder : 0);

    g.header = system ? timeText(g.line.sentAtMs)
                      : tr("%1 · %2").arg(note ? tr("Internal note · caregivers only · %1")
                                                     .arg(senderText(g.line))
                                               : senderText(g.line),
                                          timeText(g.line.sentAtMs));
    g.footer = footerText(g.line, g.seen);

    QFont bodyFont = font;
    if (system) {
        bodyFont = smaller(font);
        bodyFont.setItalic(true);
    }
    const BodyLayout body(g.line.body, bodyFont, textWidth);
    const int contentWidth =
        std::max({static_cast<int>(std::ceil(body.widest)), small.horizontalAdvance(g.header),
                  g.footer.isEmpty() ? 0 : std::min(small.horizontalAdvance(g.footer), textWidth)});
    const int bubbleWidth =
        system || note ? maxBubble
                       : std::min(maxBubble, contentWidth + 2 * kPaddingX);
    const int footerHeight =
        g.footer.isEmpty()
            ? 0
            : small.boundingRect(QRect(0, 0, textWidth, 1000), Qt::TextWordWrap, g.footer).height();
    const int bubbleHeight = kPaddingY + small.height() + kGap + body.height +
                             (footerHeight > 0 ? kGap + footerHeight : 0) + kPaddingY;

    int left = kOuterMargin;
    if (!system && !note && g.line.sender == ChatLine::Sender::Caregiver)
        left = width - kOuterMargin - bubbleWidth; // the care team on the right
    g.bubble = QRect(left, y, bubbleWidth, bubbleHeight);
    const int textLeft = left + kPaddingX + (note ? kNoteBorder : 0);
    const int innerWidth = bubbleWidth - 2 * kPaddingX - (note ? kNoteBorder : 0);
    g.headerRect = QRect(textLeft, y + kPaddingY, innerWidth, small.height());
    g.bodyRect = QRect(textLeft, g.headerRect.bottom() + 1 + kGap, innerWidth, body.height);
    g.footerRect = QRect(textLeft, g.bodyRect.bottom() + 1 + kGap, innerWidth, footerHeight);
    g.height = (y - option.rect.top()) + bubbleHeight + kRowSpacing / 2;
    return g;
}

QSize ChatMessageDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const {
    QStyleOptionViewItem at = option;
    at.rect.moveTop(0);
    const Geometry g = layout(at, index);
    return {std::max(m_view->viewport()->width(), 200), g.height};
}

void ChatMessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const {
    const Geometry g = layout(option, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont smallFont = smaller(option.font);

    if (!g.dayHeader.isEmpty()) {
        painter->setFont(smallFont);
        painter->setPen(kMuted);
        painter->drawText(g.dayRect, Qt::AlignCenter, g.dayHeader);
    }

    const bool system = g.line.kind == ChatLine::Kind::System;
    const bool note = g.line.kind == ChatLine::Kind::Note;
    if (!system) {
        QColor fill = g.line.sender == ChatLine::Sender::Patient ? kPatientBubble : kTeamBubble;
        if (note)
            fill = kNoteBubble;
        QPainterPath path;
        path.addRoundedRect(QRectF(g.bubble), kRadius, kRadius);
        painter->fillPath(path, fill);
        if (note) {
            painter->save();
            painter->setClipPath(path);
            painter->fillRect(QRect(g.bubble.left(), g.bubble.top(), kNoteBorder, g.bubble.height()),
                              kNoteBorderColour);
            painter->restore();
            QPen dashed(kNoteBorderColour, 1, Qt::DashLine);
            painter->setPen(dashed);
            painter->drawPath(path);
        }
        if (g.line.delivery == ChatLine::Delivery::Failed) {
            painter->setPen(QPen(kFailedBorder, 1.5));
            painter->drawPath(path);
        }
        if (option.state & QStyle::State_Selected) {
            painter->setPen(QPen(option.palette.highlight().color(), 2));
            painter->drawPath(path);
        }
    }

    painter->setFont(smallFont);
    painter->setPen(note ? kNoteLabel : kMuted);
    painter->drawText(g.headerRect, (system ? Qt::AlignHCenter : Qt::AlignLeft) | Qt::AlignVCenter,
                      g.header);

    QFont bodyFont = option.font;
    if (system) {
        bodyFont = smallFont;
        bodyFont.setItalic(true);
    }
    BodyLayout body(g.line.body, bodyFont, g.bodyRect.width());
    QColor text = system ? kMuted : QColor(0x11, 0x18, 0x27);
    if (g.line.delivery == ChatLine::Delivery::Sending)
        text.setAlphaF(0.6f);
    painter->setPen(text);
    qreal x = g.bodyRect.left();
    if (system) // centred lines
        x = g.bubble.left() + (g.bubble.width() - body.widest) / 2;
    body.layout.draw(painter, QPointF(x, g.bodyRect.top()));

    if (!g.footer.isEmpty()) {
        painter->setFont(smallFont);
        painter->setPen(g.line.delivery == ChatLine::Delivery::Failed ? kFailedBorder : kMuted);
        painter->drawText(g.footerRect, Qt::AlignRight | Qt::TextWordWrap, g.footer);
    }
    painter->restore();
}

} // namespace caredesk::console
