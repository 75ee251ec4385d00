#pragma once

#include "state/CannedResponseRow.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace caredesk::console {

// Where admins keep the canned responses staff insert into chats: pick one
// to change it, or start a new one; the text may use the placeholders the
// console fills in. What the server would refuse (an unknown placeholder, a
// shortcut in use, a colleague's change since this was read) is said next
// to the field, and nothing typed is lost.
class CannedResponseEditor : public QDialog {
    Q_OBJECT

public:
    explicit CannedResponseEditor(QWidget *parent = nullptr);

    void setResponses(const QList<caredesk::console::CannedResponseRow> &responses);
    void showSaved(const caredesk::console::CannedResponseRow &response);
    void showDeleted(qint64 id);
    void showFailed(const QString &code, const QString &message, const QString &field);
    // Replaces the question asked before deleting (tests answer it themselves).
    void setDeleteQuestion(std::function<bool(const QString &shortcut)> question);

    QListWidget *list() const { return m_list; }
    QLineEdit *shortcutEdit() const { return m_shortcut; }
    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QPushButton *saveButton() const { return m_save; }
    QString messageText() const;

signals:
    void reloadRequested();
    void saveRequested(const caredesk::console::CannedResponseRow &response);
    void deleteRequested(qint64 id, qint64 expectedVersion);

private:
    void startNew();
    void edit(int row);
    void validate();
    void save();
    void remove();
    const CannedResponseRow *selected() const;

    QList<CannedResponseRow> m_responses;
    qint64 m_editingId = 0; // 0: a new one
    qint64 m_editingVersion = 0;
    bool m_saving = false;
    std::function<bool(const QString &)> m_deleteQuestion;
    QListWidget *m_list;
    QPushButton *m_new;
    QLineEdit *m_shortcut;
    QLineEdit *m_title;
    QPlainTextEdit *m_body;
    QLabel *m_message;
    QPushButton *m_save;
    QPushButton *m_delete;
};

} // namespace caredesk::console
