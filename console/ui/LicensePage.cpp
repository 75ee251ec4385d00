#include "ui/LicensePage.h"

#include "models/LicenseTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace caredesk::console {

LicensePage::LicensePage(LicenseTableModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_add(new QPushButton(tr("Add…"), this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_verify(new QPushButton(tr("Verify"), this))
    , m_reject(new QPushButton(tr("Reject…"), this))
    , m_lapsing(new QLabel(this))
    , m_withoutHeading(new QLabel(this))
    , m_without(new QListWidget(this))
    , m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("licensePage"));
    m_noteQuestion = [this](const QString &prompt) -> std::optional<QString> {
        bool ok = false;
        const QString note =
            QInputDialog::getMultiLineText(this, tr("Reject license"), prompt, QString(), &ok);
        return ok ? std::optional<QString>(note) : std::nullopt;
    };

    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(LicenseTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("licenseTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LicenseTableModel::ProviderColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(LicenseTableModel::ProviderColumn, QHeaderView::Stretch);
    header->resizeSection(LicenseTableModel::StateColumn, 48);
    header->resizeSection(LicenseTableModel::NumberColumn, 110);
    header->resizeSection(LicenseTableModel::TypeColumn, 45);
    header->resizeSection(LicenseTableModel::IssuedColumn, 85);
    header->resizeSection(LicenseTableModel::ExpiresColumn, 170);
    header->resizeSection(LicenseTableModel::StatusColumn, 105);
    header->resizeSection(LicenseTableModel::ReviewedColumn, 215);
    header->resizeSection(LicenseTableModel::InForceColumn, 62);

    m_add->setObjectName(QStringLiteral("addLicense"));
    m_edit->setObjectName(QStringLiteral("editLicense"));
    m_verify->setObjectName(QStringLiteral("verifyLicense"));
    m_verify->setToolTip(tr("Checked with the state board: the license may be used for routing "
                            "until it expires"));
    m_reject->setObjectName(QStringLiteral("rejectLicense"));
    m_lapsing->setObjectName(QStringLiteral("lapsingCount"));
    m_lapsing->setTextFormat(Qt::PlainText);
    QPalette amber = m_lapsing->palette();
    amber.setColor(QPalette::WindowText, QColor(0x92, 0x40, 0x0e));
    m_lapsing->setPalette(amber);
    QFont bold = m_lapsing->font();
    bold.setWeight(QFont::DemiBold);
    m_lapsing->setFont(bold);
    m_withoutHeading->setObjectName(QStringLiteral("withoutLicenseHeading"));
    m_withoutHeading->setFont(bold);
    m_without->setObjectName(QStringLiteral("providersWithoutLicense"));
    m_without->setSelectionMode(QAbstractItemView::NoSelection);
    m_without->setFocusPolicy(Qt::NoFocus);
    m_status->setObjectName(QStringLiteral("licenseStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addSpacing(12);
    buttons->addWidget(m_verify);
    buttons->addWidget(m_reject);
    buttons->addStretch(1);
    buttons->addWidget(m_lapsing);

    auto *withoutBox = new QWidget(this);
    auto *withoutLayout = new QVBoxLayout(withoutBox);
    withoutLayout->setContentsMargins(0, 4, 0, 0);
    withoutLayout->addWidget(m_withoutHeading);
    auto *explanation = new QLabel(tr("Active providers with no verified, unexpired license in "
                                      "any state: no patient can be routed to them."),
                                   withoutBox);
    explanation->setWordWrap(true);
    explanation->setForegroundRole(QPalette::PlaceholderText);
    withoutLayout->addWidget(explanation);
    withoutLayout->addWidget(m_without, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(withoutBox);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_add, &QPushButton::clicked, this, &LicensePage::addRequested);
    const auto edit = [this] {
        if (const auto license = selected())
            emit editRequested(license->id);
    };
    connect(m_edit, &QPushButton::clicked, this, edit);
    connect(m_table, &QAbstractItemView::doubleClicked, this, edit);
    connect(m_verify, &QPushButton::clicked, this, [this] {
        if (const auto license = selected()) {
            showStatus(tr("Verifying %1 %2…").arg(license->state, license->number));
            emit reviewRequested(license->id, QStringLiteral("verified"), license->reviewNote);
        }
    });
    connect(m_reject, &QPushButton::clicked, this, [this] {
        const auto license = selected();
        if (!license)
            return;
        const auto note = m_noteQuestion(
            tr("Why is license %1 %2 of %3 rejected? The note is kept with the license.")
                .arg(license->state, license->number, license->caregiverName));
        if (!note)
            return;
        showStatus(tr("Rejecting %1 %2…").arg(license->state, license->number));
        emit reviewRequested(license->id, QStringLiteral("rejected"), note->trimmed());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LicensePage::updateButtons);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &LicensePage::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &LicensePage::updateButtons);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &LicensePage::updateSummary);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &LicensePage::updateSummary);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &LicensePage::updateSummary);
    updateButtons();
    updateSummary();
}

void LicensePage::showStatus(const QString &text, bool error) {
    QPalette colours = palette();
    if (error)
        colours.setColor(QPalette::WindowText, QColor(0xb9, 0x1c, 0x1c));
    m_status->setPalette(colours);
    m_status->setText(text);
}

QString LicensePage::statusText() const {
    return m_status->text();
}

QString LicensePage::lapsingText() const {
    return m_lapsing->text();
}

QStringList LicensePage::providersWithoutLicense() const {
    QStringList names;
    for (const auto &provider : m_model.listing().providersWithoutLicense)
        names.append(provider.displayName);
    return names;
}

std::optional<LicenseRow> LicensePage::selected() const {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return rows.front().data(LicenseTableModel::RowRole).value<LicenseRow>();
}

bool LicensePage::selectLicense(qint64 id) {
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(LicenseTableModel::IdRole).toLongLong() == id) {
            m_table->selectRow(row);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

void LicensePage::updateButtons() {
    const auto license = selected();
    m_edit->setEnabled(license.has_value());
    m_verify->setEnabled(license && license->status != QLatin1String("verified"));
    m_reject->setEnabled(license && license->status != QLatin1String("rejected"));
}

void LicensePage::updateSummary() {
    const int lapsing = m_model.lapsingCount();
    m_lapsing->setText(lapsing == 0 ? QString()
                                    : tr("%n license(s) lapse within %1 days", nullptr, lapsing)
                                          .arg(m_model.warnWithinDays()));
    const auto &without = m_model.listing().providersWithoutLicense;
    m_without->clear();
    for (const auto &provider : without)
        m_without->addItem(provider.displayName);
    m_withoutHeading->setText(
        tr("Providers without a usable license (%1)").arg(static_cast<int>(without.size())));
    if (without.isEmpty())
        m_without->addItem(tr("None: every active provider holds a license in force."));
    emit lapsingCountChanged(lapsing);
}

} // namespace caredesk::console
