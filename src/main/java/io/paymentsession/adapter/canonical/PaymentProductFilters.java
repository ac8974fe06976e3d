package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentProductFilters(ProductFilter restrictTo, ProductFilter exclude) {
}
