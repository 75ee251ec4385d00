#pragma once

#include "state/ChatColleague.h"

#include <QDialog>
#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace caredesk::console {

// Hands a chat thread to a colleague, or back to the pool for anyone to
// claim. Colleagues signed in now come first; each shows how many chats they
// already have. The list arrives from the server after the dialog opens.
class ChatTransferDialog : public QDialog {
    Q_OBJECT

public:
    // ownerId: who has the thread now (none: the pool); they are not offered.
    ChatTransferDialog(const QString &patientName, std::optional<qint64> ownerId,
                       QWidget *parent = nullptr);

    void setColleagues(const QList<caredesk::console::ChatColleague> &colleagues);
    void showListFailed(const QString &message);
    QListWidget *list() const { return m_list; }

signals:
    // toCaregiverId none: back to the pool.
    void transferChosen(std::optional<qint64> toCaregiverId);

private:
    void updateButtons();

    std::optional<qint64> m_ownerId;
    QLabel *m_status;
    QListWidget *m_list;
    QPushButton *m_handOver;
    QPushButton *m_toPool;
};

} // namespace caredesk::console
