-- The beta test plugin's orders; the alpha plugin keeps an entity of the same name in alpha_order.
create table beta_order (
    id          bigint generated always as identity primary key,
    tenant_id   text not null,
    order_id    text not null,
    note        text not null,
    unique (tenant_id, order_id)
);
