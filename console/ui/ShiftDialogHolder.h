#pragma once

#include "state/RequestFailure.h"
#include "state/ShiftRequest.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QWidget;

namespace caredesk::console {

class ShiftDialog;
struct ProviderStatusRow;

// The one shift dialog a view has open at a time, and the way back to it:
// what it asks to save goes out as saveRequested, and the server's answer
// reaches it only when it answers this dialog's request (the same provider),
// not another view's.
class ShiftDialogHolder : public QObject {
    Q_OBJECT

public:
    explicit ShiftDialogHolder(QObject *parent = nullptr);

    // Opens the dialog for this provider (none: the signed-in provider's own
    // shift) over window; one already open for them comes to the front, one
    // for someone else gives way. nowMs: the server's clock.
    void open(std::optional<qint64> providerId, const ProviderStatusRow *provider, qint64 nowMs,
              QWidget *window);
    ShiftDialog *dialog() const;
    // Closes the dialog unsaved (someone else signed in, say).
    void close();

    void showSaved(const caredesk::console::ShiftRequest &request);
    void showFailed(const caredesk::console::ShiftRequest &request,
                    const caredesk::console::RequestFailure &failure);

signals:
    void saveRequested(const caredesk::console::ShiftRequest &request);

private:
    QPointer<ShiftDialog> m_dialog;
};

} // namespace caredesk::console
