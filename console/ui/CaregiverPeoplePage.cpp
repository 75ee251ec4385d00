#include "ui/CaregiverPeoplePage.h"

#include "models/CaregiverTableModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace caredesk::console {

CaregiverPeoplePage::CaregiverPeoplePage(CaregiverTableModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_showDeactivated(new QCheckBox(tr("Show deactivated"), this))
    , m_new(new QPushButton(tr("New…"), this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_active(new QPushButton(tr("Deactivate…"), this))
    , m_reset(new QPushButton(tr("Reset access…"), this))
    , m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("caregiverPeoplePage"));
    m_question = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };

    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(CaregiverTableModel::SortRole);
    m_proxy->setFilterRole(CaregiverTableModel::AccountStatusRole);
    m_proxy->setFilterKeyColumn(0);
    m_table->setObjectName(QStringLiteral("caregiverTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CaregiverTableModel::NameColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->resizeSection(CaregiverTableModel::NameColumn, 200);
    header->resizeSection(CaregiverTableModel::UsernameColumn, 140);
    header->resizeSection(CaregiverTableModel::RolesColumn, 170);
    header->resizeSection(CaregiverTableModel::StatusColumn, 150);
    header->resizeSection(CaregiverTableModel::InviteColumn, 180);

    m_showDeactivated->setObjectName(QStringLiteral("showDeactivated"));
    m_new->setObjectName(QStringLiteral("newCaregiver"));
    m_edit->setObjectName(QStringLiteral("editCaregiver"));
    m_active->setObjectName(QStringLiteral("toggleCaregiverActive"));
    m_reset->setObjectName(QStringLiteral("resetCaregiverAccess"));
    m_status->setObjectName(QStringLiteral("peopleStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_active);
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    buttons->addWidget(m_showDeactivated);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    connect(m_new, &QPushButton::clicked, this, &CaregiverPeoplePage::newRequested);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (const auto account = selected())
            emit editRequested(account->id);
    });
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this] {
        if (const auto account = selected())
            emit editRequested(account->id);
    });
    connect(m_active, &QPushButton::clicked, this, &CaregiverPeoplePage::toggleActive);
    connect(m_reset, &QPushButton::clicked, this, &CaregiverPeoplePage::resetAccess);
    connect(m_showDeactivated, &QCheckBox::toggled, this, &CaregiverPeoplePage::updateFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CaregiverPeoplePage::updateButtons);
    // A row that changes (deactivated, say) changes what the buttons offer.
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &CaregiverPeoplePage::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &CaregiverPeoplePage::updateButtons);
    updateFilter();
}

void CaregiverPeoplePage::setOwnId(qint64 id) {
    m_ownId = id;
    updateButtons();
}

void CaregiverPeoplePage::showStatus(const QString &text, bool error) {
    QPalette colours = palette();
    if (error)
        colours.setColor(QPalette::WindowText, QColor(0xb9, 0x1c, 0x1c));
    m_status->setPalette(colours);
    m_status->setText(text);
}

QString CaregiverPeoplePage::statusText() const {
    return m_status->text();
}

std::optional<CaregiverAccountRow> CaregiverPeoplePage::selected() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return rows.front().data(CaregiverTableModel::RowRole).value<CaregiverAccountRow>();
}

bool CaregiverPeoplePage::selectAccount(qint64 id) {
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(CaregiverTableModel::IdRole).toLongLong() == id) {
            m_table->selectRow(row);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

void CaregiverPeoplePage::updateFilter() {
    m_proxy->setFilterRegularExpression(
        m_showDeactivated->isChecked() ? QRegularExpression()
                                       : QRegularExpression(QStringLiteral("^(?!deactivated$)")));
    updateButtons();
}

void CaregiverPeoplePage::updateButtons() {
    const auto account = selected();
    const bool own = account && account->id == m_ownId;
    m_edit->setEnabled(account.has_value());
    m_active->setEnabled(account && !own);
    m_active->setText(account && !account->active ? tr("Reactivate…") : tr("Deactivate…"));
    m_reset->setEnabled(account && account->active && !own);
    const QString self = tr("That is you: ask another admin.");
    m_active->setToolTip(own ? self : QString());
    m_reset->setToolTip(own ? tr("That is you: change your password instead.") : QString());
}

void CaregiverPeoplePage::toggleActive() {
    const auto account = selected();
    if (!account)
        return;
    if (account->active) {
        QString text =
            tr("Deactivate %1 (%2)?\n\nEvery session of theirs ends at once and they cannot "
               "sign in, their open invitation stops working")
                .arg(account->displayName, account->username);
        if (account->hasRole(QStringLiteral("provider")))
            text += tr(", and they leave routing: no patient is assigned to them any more, and "
                       "visits assigned to them but not started go back to their queue");
        text += tr(".\n\nYou can reactivate the account later.");
        if (!m_question(tr("Deactivate %1").arg(account->displayName), text))
            return;
    } else if (!m_question(tr("Reactivate %1").arg(account->displayName),
                           tr("Reactivate %1 (%2)? They can sign in again with their password%3.")
                               .arg(account->displayName, account->username,
                                    account->hasRole(QStringLiteral("provider"))
                                        ? tr(" and are routed patients again where licensed")
                                        : QString()))) {
        return;
    }
    showStatus(account->active ? tr("Deactivating %1…").arg(account->displayName)
                               : tr("Reactivating %1…").arg(account->displayName));
    emit activeChangeRequested(account->id, !account->active);
}

void CaregiverPeoplePage::resetAccess() {
    const auto account = selected();
    if (!account || !account->active)
        return;
    QString text = tr("Reset the access of %1 (%2)?\n\nTheir password stops working and every "
                      "session of theirs ends at once")
                       .arg(account->displayName, account->username);
    if (account->hasRole(QStringLiteral("provider")))
        text += tr("; visits assigned to them but not started go back to their queue");
    text += tr(". You get a new one-time activation code to pass on; earlier codes stop "
               "working.");
    if (!m_question(tr("Reset access of %1").arg(account->displayName), text))
        return;
    showStatus(tr("Resetting the access of %1…").arg(account->displayName));
    emit accessResetRequested(account->id);
}

} // namespace caredesk::console
