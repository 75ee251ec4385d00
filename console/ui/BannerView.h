#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;

namespace caredesk::console {

// A strip across the top of a view for something the person should notice
// without being stopped: a refused action, a patient handed to them. It never
// takes the focus; it goes away when dismissed, when the next message replaces
// it, or by itself after a while (a warning stays until dismissed).
class BannerView : public QFrame {
    Q_OBJECT

public:
    enum class Kind { Information, Error, Warning };

    explicit BannerView(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    void dismiss();

    QString text() const;
    Kind kind() const { return m_kind; }

signals:
    // Gone: dismissed by the person, by the code, or by its timer.
    void dismissed();

private:
    QLabel *m_text;
    Kind m_kind = Kind::Information;
    QTimer m_hideTimer;
};

} // namespace caredesk::console
