#include "ui/ShiftDialogHolder.h"

#include "ui/ShiftDialog.h"

namespace caredesk::console {

ShiftDialogHolder::ShiftDialogHolder(QObject *parent)
    : QObject(parent) {}

void ShiftDialogHolder::open(std::optional<qint64> providerId, const ProviderStatusRow *provider,
                             qint64 nowMs, QWidget *window) {
    if (m_dialog && m_dialog->providerId() == providerId) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    delete m_dialog;
    auto *dialog = new ShiftDialog(providerId, provider, nowMs, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &ShiftDialog::saveRequested, this, &ShiftDialogHolder::saveRequested);
    dialog->open();
}

ShiftDialog *ShiftDialogHolder::dialog() const {
    return m_dialog;
}

void ShiftDialogHolder::close() {
    if (m_dialog)
        m_dialog->reject();
}

void ShiftDialogHolder::showSaved(const ShiftRequest &request) {
    if (m_dialog && m_dialog->isFor(request))
        m_dialog->showSaved();
}

void ShiftDialogHolder::showFailed(const ShiftRequest &request, const RequestFailure &failure) {
    if (m_dialog && m_dialog->isFor(request))
        m_dialog->showFailure(failure);
}

} // namespace caredesk::console
