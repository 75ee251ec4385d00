#include "ui/ChatTransferDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace caredesk::console {

ChatTransferDialog::ChatTransferDialog(const QString &patientName, std::optional<qint64> ownerId,
                                       QWidget *parent)
    : QDialog(parent)
    , m_ownerId(ownerId)
    , m_status(new QLabel(tr("Loading colleagues…"), this))
    , m_list(new QListWidget(this)) {
    setObjectName(QStringLiteral("chatTransferDialog"));
    setWindowTitle(tr("Transfer chat"));
    auto *intro = new QLabel(tr("Who should continue the chat with %1? The patient is only told "
                                "that another member of the care team will continue.")
                                 .arg(patientName),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    m_list->setObjectName(QStringLiteral("colleagueList"));
    auto *buttons = new QDialogButtonBox(this);
    m_handOver = buttons->addButton(tr("Hand over"), QDialogButtonBox::AcceptRole);
    m_handOver->setObjectName(QStringLiteral("handOver"));
    m_toPool = buttons->addButton(tr("Back to the pool"), QDialogButtonBox::ActionRole);
    m_toPool->setObjectName(QStringLiteral("backToPool"));
    m_toPool->setEnabled(ownerId.has_value());
    buttons->addButton(QDialogButtonBox::Cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(380, 360);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_handOver, &QPushButton::clicked, this, [this] {
        const QListWidgetItem *item = m_list->currentItem();
        if (!item)
            return;
        emit transferChosen(item->data(Qt::UserRole).toLongLong());
        accept();
    });
    connect(m_toPool, &QPushButton::clicked, this, [this] {
        emit transferChosen(std::nullopt);
        accept();
    });
    connect(m_list, &QListWidget::itemActivated, m_handOver, &QPushButton::click);
    connect(m_list, &QListWidget::currentRowChanged, this, &ChatTransferDialog::updateButtons);
    updateButtons();
}

void ChatTransferDialog::setColleagues(const QList<ChatColleague> &colleagues) {
    QList<ChatColleague> offered;
    for (const ChatColleague &colleague : colleagues) {
        if (!m_ownerId || colleague.id != *m_ownerId)
            offered.append(colleague);
    }
    // Signed in first, then the fewest chats, then by name.
    std::stable_sort(offered.begin(), offered.end(), [](const auto &a, const auto &b) {
        if (a.online != b.online)
            return a.online;
        return a.threads < b.threads;
    });
    m_list->clear();
    for (const ChatColleague &colleague : offered) {
        const QString load = tr("%n chat(s)", nullptr, static_cast<int>(colleague.threads));
        auto *item = new QListWidgetItem(
            colleague.online ? tr("%1 — online · %2").arg(colleague.displayName, load)
                             : tr("%1 — not signed in · %2").arg(colleague.displayName, load),
            m_list);
        item->setData(Qt::UserRole, colleague.id);
        if (!colleague.online)
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
    }
    m_status->setText(offered.isEmpty() ? tr("No colleague to hand this chat to.")
                                        : tr("Colleagues:"));
    if (!offered.isEmpty())
        m_list->setCurrentRow(0);
    updateButtons();
}

void ChatTransferDialog::showListFailed(const QString &message) {
    m_status->setText(tr("Could not load colleagues: %1").arg(message));
}

void ChatTransferDialog::updateButtons() {
    m_handOver->setEnabled(m_list->currentItem() != nullptr);
}

} // namespace caredesk::console
