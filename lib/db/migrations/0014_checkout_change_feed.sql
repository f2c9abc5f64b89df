-- The change feed (lib/checkouts/change-feed.ts): every committed change to what a checkout's
-- status poll shows is announced on the channel "checkout_status", with those columns in the
-- payload, so every app instance keeps its status cache current and pushes the change to open
-- payment pages without reading the row. NOTIFY is transactional: a rolled-back write announces
-- nothing, and the announcements of one transaction arrive together at commit, in commit order.
-- A trigger rather than calls in the code: no writer of the table can forget it.
-- Amounts are sent as text (a JSON number would be read as a float); times as ISO 8601.
CREATE OR REPLACE FUNCTION checkout_status_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('checkout_status', json_build_object('id', OLD.id, 'deleted', true)::text);
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
    AND NEW.state IS NOT DISTINCT FROM OLD.state
    AND NEW.version IS NOT DISTINCT FROM OLD.version
    AND NEW.amount IS NOT DISTINCT FROM OLD.amount
    AND NEW.currency IS NOT DISTINCT FROM OLD.currency
    AND NEW.expires_at IS NOT DISTINCT FROM OLD.expires_at
    AND NEW.next_check_at IS NOT DISTINCT FROM OLD.next_check_at
    AND NEW.pay_currency IS NOT DISTINCT FROM OLD.pay_currency
    AND NEW.amount_due IS NOT DISTINCT FROM OLD.amount_due
    AND NEW.amount_paid IS NOT DISTINCT FROM OLD.amount_paid
    AND NEW.confirmations IS NOT DISTINCT FROM OLD.confirmations
    AND NEW.required_confirmations IS NOT DISTINCT FROM OLD.required_confirmations THEN
    RETURN NEW;
  END IF;
  PERFORM pg_notify('checkout_status', json_build_object(
    'id', NEW.id,
    'state', NEW.state,
    'version', NEW.version,
    'amount', NEW.amount::text,
    'currency', NEW.currency,
    'expiresAt', NEW.expires_at,
    'nextCheckAt', NEW.next_check_at,
    'payCurrency', NEW.pay_currency,
    'amountDue', NEW.amount_due::text,
    'amountPaid', NEW.amount_paid::text,
    'confirmations', NEW.confirmations,
    'requiredConfirmations', NEW.required_confirmations
  )::text);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER checkout_status_notify AFTER INSERT OR UPDATE OR DELETE ON checkouts
  FOR EACH ROW EXECUTE FUNCTION checkout_status_notify();
