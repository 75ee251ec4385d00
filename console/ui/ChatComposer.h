#pragma once

#include <QPlainTextEdit>

namespace caredesk::console {

// Where a caregiver writes: Enter sends, Shift+Enter starts a new line.
// Typing "/" and a shortcut at the start asks for the canned responses
// matching it; Ctrl+K asks for all of them. It grows with its text up to a
// few lines, then scrolls.
class ChatComposer : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit ChatComposer(QWidget *parent = nullptr);

    // The "/shortcut" being typed (without the slash), or nullopt.
    std::optional<QString> shortcutTyped() const;

signals:
    void submitted();
    // The person is typing (at every change that leaves text).
    void typing();
    // Show the canned responses, filtered by this text.
    void cannedRequested(const QString &filter);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    int heightForLines(int lines) const;
};

} // namespace caredesk::console
