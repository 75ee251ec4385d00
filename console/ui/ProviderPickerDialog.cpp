#include "ui/ProviderPickerDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace caredesk::console {

namespace {
constexpr int kProviderIdRole = Qt::UserRole + 1;
constexpr int kEligibleRole = Qt::UserRole + 2;
} // namespace

ProviderPickerDialog::ProviderPickerDialog(const QString &patientName, const QString &stateCode,
                                           const QString &stateName, QWidget *parent)
    : QDialog(parent)
    , m_stateCode(stateCode)
    , m_list(new QListWidget(this))
    , m_summary(new QLabel(this)) {
    setObjectName(QStringLiteral("providerPickerDialog"));
    setWindowTitle(tr("Assign to provider"));

    auto *question = new QLabel(
        tr("Who sees %1? Only providers who are available and licensed in %2 can be chosen.")
            .arg(patientName, stateName),
        this);
    question->setTextFormat(Qt::PlainText);
    question->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("providers"));
    m_list->setAccessibleName(tr("Providers"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumSize(440, 220);
    m_list->setUniformItemSizes(true);
    question->setBuddy(m_list);

    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Loading the providers…"));
    QPalette muted = m_summary->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_summary->setPalette(muted);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_assign = buttons->addButton(tr("Assign"), QDialogButtonBox::AcceptRole);
    m_assign->setObjectName(QStringLiteral("assign"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (providerId())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentItemChanged, this, &ProviderPickerDialog::updateButtons);
    connect(m_list, &QListWidget::itemActivated, this, [this] {
        if (providerId())
            accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    updateButtons();
}

QString ProviderPickerDialog::whyNot(const ProviderChoice &provider, const QString &stateCode) {
    if (!provider.licensedIn.contains(stateCode))
        return tr("not licensed in %1").arg(stateCode);
    if (!provider.available)
        return tr("unavailable");
    if (provider.inVisit)
        return tr("in a visit");
    return {};
}

QString ProviderPickerDialog::describe(const ProviderChoice &provider, const QString &stateCode) {
    const QString reason = whyNot(provider, stateCode);
    if (!reason.isEmpty())
        return tr("%1 — %2").arg(provider.displayName, reason);
    QStringList states = provider.licensedIn;
    states.sort();
    return tr("%1 — available · licensed in %2").arg(provider.displayName, states.join(tr(", ")));
}

void ProviderPickerDialog::setProviders(const QList<ProviderChoice> &providers) {
    const std::optional<qint64> picked = providerId();
    QList<ProviderChoice> sorted = providers;
    std::stable_sort(sorted.begin(), sorted.end(), [this](const auto &a, const auto &b) {
        const bool aEligible = whyNot(a, m_stateCode).isEmpty();
        const bool bEligible = whyNot(b, m_stateCode).isEmpty();
        if (aEligible != bEligible)
            return aEligible;
        return a.displayName.localeAwareCompare(b.displayName) < 0;
    });

    m_list->clear();
    int eligible = 0;
    for (const ProviderChoice &provider : std::as_const(sorted)) {
        auto *item = new QListWidgetItem(describe(provider, m_stateCode), m_list);
        item->setData(kProviderIdRole, provider.id);
        const bool canTake = whyNot(provider, m_stateCode).isEmpty();
        item->setData(kEligibleRole, canTake);
        QStringList states = provider.licensedIn;
        states.sort();
        item->setToolTip(states.isEmpty() ? tr("No license in force")
                                          : tr("Licensed in %1").arg(states.join(tr(", "))));
        if (!canTake)
            item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        eligible += canTake ? 1 : 0;
    }

    const auto total = sorted.size();
    if (total == 0)
        m_summary->setText(tr("No active providers."));
    else if (eligible == 0)
        m_summary->setText(tr("None of the providers can take this visit now."));
    else if (total == 1)
        m_summary->setText(tr("The one provider can take this visit."));
    else
        m_summary->setText(tr("%1 of %2 providers can take this visit.").arg(eligible).arg(total));

    if (!(picked && selectProvider(*picked)) && eligible > 0)
        m_list->setCurrentRow(0); // eligible ones come first
    updateButtons();
}

void ProviderPickerDialog::showListFailed(const QString &message) {
    m_summary->setText(tr("Could not load the providers: %1").arg(message));
    updateButtons();
}

std::optional<qint64> ProviderPickerDialog::providerId() const {
    const QListWidgetItem *item = m_list->currentItem();
    if (!item || !item->data(kEligibleRole).toBool() || !item->isSelected())
        return std::nullopt;
    return item->data(kProviderIdRole).toLongLong();
}

bool ProviderPickerDialog::selectProvider(qint64 id) {
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        if (item->data(kProviderIdRole).toLongLong() == id && item->data(kEligibleRole).toBool()) {
            m_list->setCurrentItem(item);
            updateButtons();
            return true;
        }
    }
    return false;
}

QString ProviderPickerDialog::summaryText() const {
    return m_summary->text();
}

void ProviderPickerDialog::updateButtons() {
    m_assign->setEnabled(providerId().has_value());
}

} // namespace caredesk::console
