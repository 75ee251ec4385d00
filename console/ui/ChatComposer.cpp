#include "ui/ChatComposer.h"

#include <QKeyEvent>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextLayout>

namespace caredesk::console {

namespace {
constexpr int kMinLines = 2;
constexpr int kMaxLines = 6;
} // namespace

ChatComposer::ChatComposer(QWidget *parent)
    : QPlainTextEdit(parent) {
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message. Enter sends, Shift+Enter for a new line, "
                          "/ or Ctrl+K for canned responses."));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        updateGeometry();
        if (!document()->isEmpty())
            emit typing();
        if (const auto shortcut = shortcutTyped())
            emit cannedRequested(*shortcut);
    });
}

std::optional<QString> ChatComposer::shortcutTyped() const {
    static const QRegularExpression pattern(QStringLiteral("^/([a-z0-9_-]*)$"));
    const auto match = pattern.match(toPlainText());
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1);
}

void ChatComposer::keyPressEvent(QKeyEvent *event) {
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        event->accept();
        emit submitted();
        return;
    }
    if (event->key() == Qt::Key_K && event->modifiers() == Qt::ControlModifier) {
        event->accept();
        emit cannedRequested(shortcutTyped().value_or(QString()));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

int ChatComposer::heightForLines(int lines) const {
    const QMargins margins = contentsMargins();
    return fontMetrics().lineSpacing() * lines + static_cast<int>(document()->documentMargin() * 2) +
           margins.top() + margins.bottom() + frameWidth() * 2;
}

QSize ChatComposer::sizeHint() const {
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        lines += std::max(block.layout() ? block.layout()->lineCount() : 1, 1);
    return {QPlainTextEdit::sizeHint().width(),
            heightForLines(std::clamp(lines, kMinLines, kMaxLines))};
}

QSize ChatComposer::minimumSizeHint() const {
    return {QPlainTextEdit::minimumSizeHint().width(), heightForLines(kMinLines)};
}

} // namespace caredesk::console
