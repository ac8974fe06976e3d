package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One side of {@code paymentProductFilters}: product groups and product ids. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductFilter(List<String> groups, List<Integer> products) {
}
