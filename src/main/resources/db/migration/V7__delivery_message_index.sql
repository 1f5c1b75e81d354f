-- Retention of outbound messages (hookline.retention.max-age): a message leaves with its
-- deliveries and their attempts once none of them is pending, which needs its deliveries found
-- by message id without a scan of every delivery ever stored. Written for both H2 and PostgreSQL.
CREATE INDEX ix_hookline_delivery_message ON hookline_delivery (message_id);
