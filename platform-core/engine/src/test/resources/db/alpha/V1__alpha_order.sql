-- The alpha test plugin's orders; the beta plugin keeps an entity of the same name in beta_order.
create table alpha_order (
    id          bigint generated always as identity primary key,
    tenant_id   text not null,
    order_id    text not null,
    quantity    integer not null,
    unique (tenant_id, order_id)
);
