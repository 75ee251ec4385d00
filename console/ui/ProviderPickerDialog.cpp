#include "ui/ProviderPickerDialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace caredesk::console {

ProviderPickerDialog::ProviderPickerDialog(const QString &patientName, const QString &stateName,
                                           const QList<ProviderChoice> &providers, QWidget *parent)
    : QDialog(parent)
    , m_providers(providers)
    , m_provider(new QComboBox(this))
    , m_resolved(new QLabel(this)) {
    setObjectName(QStringLiteral("providerPickerDialog"));
    setWindowTitle(tr("Assign to provider"));

    auto *question =
        new QLabel(tr("Who sees %1? The provider must be available and licensed in %2.")
                       .arg(patientName, stateName),
                   this);
    question->setTextFormat(Qt::PlainText);
    question->setWordWrap(true);

    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->setEditable(true);
    m_provider->setInsertPolicy(QComboBox::NoInsert);
    for (const ProviderChoice &provider : providers)
        m_provider->addItem(describe(provider), provider.id);
    m_provider->setCurrentIndex(-1);
    m_provider->lineEdit()->setPlaceholderText(tr("Name, username or caregiver number"));
    m_provider->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_provider->completer()->setFilterMode(Qt::MatchContains);
    m_provider->setMinimumWidth(360);
    question->setBuddy(m_provider);

    m_resolved->setObjectName(QStringLiteral("resolved"));
    m_resolved->setTextFormat(Qt::PlainText);
    QPalette muted = m_resolved->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_resolved->setPalette(muted);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_assign = buttons->addButton(tr("Assign"), QDialogButtonBox::AcceptRole);
    m_assign->setObjectName(QStringLiteral("assign"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_provider, &QComboBox::currentTextChanged, this, &ProviderPickerDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_provider);
    layout->addWidget(m_resolved);
    layout->addWidget(buttons);
    validate();
}

std::optional<qint64> ProviderPickerDialog::providerId() const {
    return resolve(m_provider->currentText(), m_providers);
}

void ProviderPickerDialog::setText(const QString &text) {
    m_provider->setEditText(text);
    validate();
}

QString ProviderPickerDialog::describe(const ProviderChoice &provider) {
    if (provider.username.isEmpty() || provider.username == provider.displayName)
        return tr("%1 · #%2").arg(provider.displayName).arg(provider.id);
    return tr("%1 (%2) · #%3").arg(provider.displayName, provider.username).arg(provider.id);
}

std::optional<qint64> ProviderPickerDialog::resolve(const QString &text,
                                                    const QList<ProviderChoice> &providers) {
    QString typed = text.trimmed();
    for (const ProviderChoice &provider : providers) {
        if (typed == describe(provider) ||
            typed.compare(provider.displayName, Qt::CaseInsensitive) == 0 ||
            (!provider.username.isEmpty() &&
             typed.compare(provider.username, Qt::CaseInsensitive) == 0))
            return provider.id;
    }
    if (typed.startsWith(QLatin1Char('#')))
        typed.remove(0, 1);
    bool number = false;
    const qint64 id = typed.toLongLong(&number);
    if (number && id > 0)
        return id;
    return std::nullopt;
}

void ProviderPickerDialog::validate() {
    const auto id = providerId();
    QString resolved;
    if (id) {
        resolved = tr("Caregiver #%1").arg(*id);
        for (const ProviderChoice &provider : std::as_const(m_providers)) {
            if (provider.id == *id)
                resolved = describe(provider);
        }
    } else if (!m_provider->currentText().trimmed().isEmpty()) {
        resolved = tr("No provider by that name; type their caregiver number.");
    }
    m_resolved->setText(resolved);
    m_assign->setEnabled(id.has_value());
}

} // namespace caredesk::console
